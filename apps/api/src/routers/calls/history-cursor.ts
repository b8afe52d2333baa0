import { TRPCError } from "@trpc/server";

/** Keyset position in the history (newest first): the last row's start time and id. */
export type HistoryCursor = { startedAt: Date; id: string };

export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.startedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string): HistoryCursor {
  const [iso, id] = Buffer.from(value, "base64url").toString().split("|");
  const startedAt = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(startedAt.getTime())) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Invalid cursor: pass nextCursor from the previous page.",
    });
  }
  return { startedAt, id };
}
