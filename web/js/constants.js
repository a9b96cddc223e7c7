// constants.js — numbers and patterns shared by the participant page's modules (DOM-free).
// The server enforces the same limits; these are the browser's copy of them.

// Longest follow-up or feedback text, in characters (the server counts UTF-8 code points).
export const MAX_CHARS = 4000;
export const TOO_LONG_TEXT = 'This is longer than 4,000 characters — shorten it to send.';

// A lowercase UUID as the server writes ids (participants, rooms, feedback, follow-ups).
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const DAY_MS = 24 * 3600 * 1000;

// A follow-up's delivery status, in order; a receipt never moves a message backwards.
// 'pending' is a message still in this page's outbox.
export const STATUS_RANK = Object.freeze({ pending: -1, sent: 0, delivered: 1, read: 2 });

// Follow-ups per `inbox` page.
export const INBOX_PAGE_SIZE = 50;
// Received follow-ups are acknowledged in batches of at most this many, this long after arriving.
export const ACK_BATCH_MAX = 100;
export const ACK_DELAY_MS = 150;

// The phases of a room in which feedback can be written and sent.
export const OPEN_FEEDBACK_PHASES = Object.freeze(['feedback', 'soften']);
export const isOpenFeedbackPhase = phase => OPEN_FEEDBACK_PHASES.includes(phase);

// How long newly arrived feedback is marked new.
export const NEW_FEEDBACK_MS = 8000;
