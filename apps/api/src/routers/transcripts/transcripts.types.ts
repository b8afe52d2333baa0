import { z } from "zod";

/** The fewest characters a search may have: every line is indexed by its two-character pieces. */
export const MIN_QUERY_CHARS = 2;

export const transcriptSearchInput = z.object({
  /** What was said, e.g. 予約; matched as a substring, ignoring letter case. */
  query: z
    .string()
    .trim()
    .max(100)
    .refine((q) => Array.from(q).length >= MIN_QUERY_CHARS, {
      message: `at least ${MIN_QUERY_CHARS} characters`,
    }),
  /** From `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .nullish(),
  limit: z.number().int().min(1).max(100).default(30),
});

export type TranscriptSearchInput = z.infer<typeof transcriptSearchInput>;
