/**
 * The shape a translation must have: every key of the Japanese source, each with a string, and no
 * other key. A key missing from (or unknown to) a translation is a type error.
 */
export type Translation<Source> = {
  [Key in keyof Source]: Source[Key] extends string ? string : Translation<Source[Key]>;
};
