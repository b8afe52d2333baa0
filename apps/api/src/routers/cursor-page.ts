/**
 * One page of a keyset-paginated list, from the `limit + 1` rows asked for: the extra row only says
 * that another page follows, whose cursor is taken from this page's last row.
 */
export function cursorPage<Row>(
  rows: Row[],
  limit: number,
  cursorOf: (last: Row) => string,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
