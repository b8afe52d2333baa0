import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";

/** One utterance of the test call: the agent's as it is spoken, the caller's once transcribed. */
export type TranscriptLine = {
  /** The conversation item it belongs to. */
  itemId: string;
  role: "agent" | "caller";
  text: string;
  /** Its final text has arrived. */
  done: boolean;
  /** The caller cut the agent off: the text ends where the agent stopped. */
  interrupted: boolean;
  /** The API could not turn the caller's audio into text. */
  untranscribed: boolean;
};

export type TestCallTranscript = {
  lines: TranscriptLine[];
  /** The API's message of the last `error` event, for the modal to show. */
  error: string | null;
};

export const EMPTY_TRANSCRIPT: TestCallTranscript = { lines: [], error: null };

/** Folds one GA server event from the `oai-events` channel into the transcript; others leave it as is. */
export function foldServerEvent(
  transcript: TestCallTranscript,
  event: RealtimeServerEvent,
): TestCallTranscript {
  switch (event.type) {
    case "response.output_audio_transcript.delta":
      return upsert(transcript, event.item_id, "agent", (line) => ({
        ...line,
        text: line.text + event.delta,
      }));
    case "response.output_audio_transcript.done":
      return upsert(transcript, event.item_id, "agent", (line) => ({
        ...line,
        text: event.transcript,
        done: true,
      }));
    // The caller's line takes its place when the turn is committed: the transcription often
    // arrives only after the agent has begun to answer.
    case "input_audio_buffer.committed":
      return upsert(transcript, event.item_id, "caller", (line) => line);
    case "conversation.item.input_audio_transcription.delta":
      return upsert(transcript, event.item_id, "caller", (line) => ({
        ...line,
        text: line.text + (event.delta ?? ""),
      }));
    case "conversation.item.input_audio_transcription.completed":
      return upsert(transcript, event.item_id, "caller", (line) => ({
        ...line,
        text: event.transcript,
        done: true,
      }));
    case "conversation.item.input_audio_transcription.failed":
      return upsert(transcript, event.item_id, "caller", (line) => ({
        ...line,
        untranscribed: true,
        done: true,
      }));
    case "response.done": {
      if (event.response.status !== "cancelled") return transcript;
      const itemIds = new Set((event.response.output ?? []).map((item) => item.id));
      return {
        ...transcript,
        lines: transcript.lines.map((line) =>
          line.itemId && itemIds.has(line.itemId) ? { ...line, done: true, interrupted: true } : line,
        ),
      };
    }
    case "error":
      return { ...transcript, error: event.error.message };
    default:
      return transcript;
  }
}

function upsert(
  transcript: TestCallTranscript,
  itemId: string,
  role: TranscriptLine["role"],
  change: (line: TranscriptLine) => TranscriptLine,
): TestCallTranscript {
  const index = transcript.lines.findIndex((line) => line.itemId === itemId);
  const current = transcript.lines[index] ?? {
    itemId,
    role,
    text: "",
    done: false,
    interrupted: false,
    untranscribed: false,
  };
  const lines =
    index === -1
      ? [...transcript.lines, change(current)]
      : transcript.lines.map((line, i) => (i === index ? change(current) : line));
  return { ...transcript, lines };
}
