import { TOKEN_COUNT_KINDS, type TokenCounts } from "@koe/shared";
import type { CallSession, Prisma } from "../generated/prisma/client.ts";

/**
 * The call row's token columns are the shared token counts (`tokenCountsSchema` in @koe/shared),
 * one `Int` column per kind. `Pick` fails to compile when a kind has no column;
 * call-event-types.test.ts also fails the typecheck when a `…Tokens` column has no kind.
 */
type TokenColumns = Pick<CallSession, keyof TokenCounts>;

/** Selects a call row's token columns. */
export const TOKEN_COUNT_SELECT = Object.fromEntries(TOKEN_COUNT_KINDS.map((kind) => [kind, true])) as {
  [K in keyof TokenColumns]: true;
} satisfies Prisma.CallSessionSelect;

/** A call row's token counts, from its columns. */
export function tokenCountsOf(row: TokenColumns): TokenCounts {
  return Object.fromEntries(TOKEN_COUNT_KINDS.map((kind) => [kind, row[kind]])) as TokenCounts;
}
