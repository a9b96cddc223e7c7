/* checkpoint — when the database's write-ahead log is copied back into the database file.
 * SQLite would do it inside the commit that crosses 1,000 pages (often a launch's, which 10,000
 * people wait on). Here a one-second timer looks at the WAL's size after the last commit and, past
 * STORE_CHECKPOINT_PAGES, queues a PASSIVE checkpoint as after-fan-out work (after_fanout.c), so
 * it runs between bursts rather than inside one. */
#ifndef SOFTCLOSE_CHECKPOINT_H
#define SOFTCLOSE_CHECKPOINT_H

#define CHECKPOINT_EVERY_MS 1000

void checkpoint_start(void);      /* after server_start */
void checkpoint_shutdown(void);   /* cancels the timer */
#endif
