/**
 * The longest an insert into the call event log may run before the database cancels it (the
 * writer then retries, under new ids). Live readers wait for a missing id up to twice this before
 * taking it as rolled back, so an event can never commit after a reader moved past its id.
 */
export const CALL_EVENT_INSERT_TIMEOUT_MS = 5_000;

/** How long a live reader waits for a missing call event id before taking it as rolled back. */
export const CALL_EVENT_GAP_TIMEOUT_MS = 2 * CALL_EVENT_INSERT_TIMEOUT_MS;
