import { Button, Card, Group, Input, Rating, Stack, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallDetail } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** QA: the operator's 1–5 stars and what the caller really said (for transcription accuracy). */
export function RatingCard({ call }: { call: CallDetail["call"] }) {
  const { t } = useTranslation("calls");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState(call.rating ?? 0);
  const [reference, setReference] = useState(call.referenceTranscript ?? "");
  const [error, setError] = useState<string | null>(null);
  const rate = useMutation(trpc.calls.rate.mutationOptions());
  const save = async () => {
    if (rating < 1) return setError(t("rating.starsRequired"));
    setError(null);
    try {
      await rate.mutateAsync({ callId: call.id, rating, referenceTranscript: reference.trim() || null });
      await queryClient.invalidateQueries({ queryKey: trpc.calls.pathKey() });
      notifications.show({
        color: "teal",
        title: t("rating.savedTitle"),
        message: t("rating.savedMessage"),
      });
    } catch (failure) {
      notifications.show({ color: "red", title: t("rating.failedTitle"), message: errorMessage(failure) });
    }
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={5}>{t("rating.title")}</Title>
        <Input.Wrapper label={t("rating.stars")} error={error}>
          <Rating value={rating} onChange={setRating} size="lg" mt={4} />
        </Input.Wrapper>
        <Textarea
          label={t("rating.reference")}
          description={t("rating.referenceDescription")}
          autosize
          minRows={3}
          maxLength={20_000}
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={rate.isPending}>
            {t("rating.save")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
