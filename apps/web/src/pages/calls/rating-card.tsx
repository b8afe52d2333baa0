import { Button, Card, Group, Input, Rating, Stack, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CallDetail } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** QA: the operator's 1–5 stars and what the caller really said (for transcription accuracy). */
export function RatingCard({ call }: { call: CallDetail["call"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState(call.rating ?? 0);
  const [reference, setReference] = useState(call.referenceTranscript ?? "");
  const [error, setError] = useState<string | null>(null);
  const rate = useMutation(trpc.calls.rate.mutationOptions());
  const save = async () => {
    if (rating < 1) return setError("評価(星 1〜5)を選んでください");
    setError(null);
    try {
      await rate.mutateAsync({ callId: call.id, rating, referenceTranscript: reference.trim() || null });
      await queryClient.invalidateQueries({ queryKey: trpc.calls.pathKey() });
      notifications.show({ color: "teal", title: "評価を保存しました", message: "品質指標に反映されます。" });
    } catch (failure) {
      notifications.show({ color: "red", title: "保存できませんでした", message: errorMessage(failure) });
    }
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={5}>品質評価</Title>
        <Input.Wrapper label="通話の評価" error={error}>
          <Rating value={rating} onChange={setRating} size="lg" mt={4} />
        </Input.Wrapper>
        <Textarea
          label="正解の書き起こし(お客様の発話)"
          description="文字起こし精度(CER)の計算に使います"
          autosize
          minRows={3}
          maxLength={20_000}
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={rate.isPending}>
            評価を保存
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
