import { Box, Paper, ScrollArea, Text } from "@mantine/core";
import { diffLines } from "diff";

/** A line diff of two texts: removed lines red, added green, unchanged plain. */
export function LineDiffView({ before, after }: { before: string; after: string }) {
  // A last line that only gained a line break after it (a line was added below) is unchanged.
  const parts = diffLines(before, after, { ignoreNewlineAtEof: true });
  return (
    <Paper withBorder>
      <ScrollArea.Autosize mah={460}>
        <Box ff="monospace" fz={12} p={4}>
          {parts.flatMap((part, index) =>
            part.value
              .replace(/\n$/, "")
              .split("\n")
              .map((line, lineIndex) => (
                <Text
                  // Lines have no identity of their own; their place in the diff is stable.
                  key={`${index}-${lineIndex}`}
                  component="div"
                  ff="monospace"
                  fz={12}
                  px="xs"
                  bg={part.added ? "green.0" : part.removed ? "red.0" : undefined}
                  c={part.added ? "green.9" : part.removed ? "red.9" : undefined}
                  style={{
                    whiteSpace: "pre-wrap",
                    textDecoration: part.removed ? "line-through" : undefined,
                  }}
                >
                  {part.added ? "+ " : part.removed ? "- " : "  "}
                  {line || " "}
                </Text>
              )),
          )}
        </Box>
      </ScrollArea.Autosize>
    </Paper>
  );
}
