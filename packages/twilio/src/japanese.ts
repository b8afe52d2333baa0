/** Every <Say> speaks, and every <Gather> listens, in Japanese: Koe's callers are in Japan. */
export const JAPANESE = { language: "ja-JP" } as const;
