/** Defaults that fail a query well before Twilio's 15 s webhook limit or a browser gives up. */
export const DATABASE_TIMEOUT_DEFAULTS = { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 };
