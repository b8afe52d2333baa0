import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Highlight,
  Loader,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useFormat } from "../../i18n/use-format.ts";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";
import { useTRPC } from "../../trpc.ts";

const MIN_CHARS = 2;

/** /search?q=…: lines of any call that contain the words, each linking to the call at that line. */
export function SearchPage() {
  const { t } = useTranslation(["search", "common"]);
  const format = useFormat();
  const trpc = useTRPC();
  // The query lives in the URL: a search can be bookmarked, and Back returns to the results.
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const [draft, setDraft] = useState(query);
  const valid = Array.from(query.trim()).length >= MIN_CHARS;
  const results = useInfiniteQuery(
    trpc.transcripts.search.infiniteQueryOptions(
      { query: query.trim() },
      { enabled: valid, getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const matches = results.data?.pages.flatMap((page) => page.matches) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  };
  const draftTooShort = draft.trim() !== "" && Array.from(draft.trim()).length < MIN_CHARS;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card withBorder radius="md" padding="lg">
        <Stack>
          <form onSubmit={submit}>
            <Group align="flex-start">
              <TextInput
                aria-label={t("title")}
                placeholder={t("placeholder")}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                error={draftTooShort ? t("tooShort") : undefined}
                w={360}
                data-autofocus
              />
              <Button type="submit" disabled={draftTooShort || draft.trim() === ""}>
                {t("submit")}
              </Button>
            </Group>
          </form>
          {valid && results.isPending && (
            <Center py="xl">
              <Loader />
            </Center>
          )}
          {results.isError && <Alert color="red">{errorMessage(results.error)}</Alert>}
          {valid && results.data && matches.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {t("empty", { query: query.trim() })}
            </Text>
          )}
          <Stack gap="xs" data-testid="search-results">
            {matches.map((match) => (
              <Card key={match.lineId} withBorder padding="sm" radius="md" data-testid="search-result">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={4}>
                    <Group gap="xs">
                      <Badge size="sm" variant="light" color={match.role === "agent" ? "indigo" : "gray"}>
                        {t(`speaker.${match.role}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {format.dateTime(match.occurredAt)} · {formatPhoneNumber(match.call.fromNumber)} ·{" "}
                        {match.call.agentName ?? t("common:unknownAgent")}
                      </Text>
                    </Group>
                    <Highlight highlight={query.trim()} size="sm" data-testid="search-line">
                      {match.text}
                    </Highlight>
                  </Stack>
                  <Anchor
                    component={Link}
                    to={`/calls/${match.callId}?line=${match.lineId}`}
                    size="sm"
                    style={{ whiteSpace: "nowrap" }}
                  >
                    {t("open")}
                  </Anchor>
                </Group>
              </Card>
            ))}
          </Stack>
          {results.hasNextPage && (
            <Center>
              <Button
                variant="default"
                loading={results.isFetchingNextPage}
                onClick={() => void results.fetchNextPage()}
              >
                {t("more")}
              </Button>
            </Center>
          )}
        </Stack>
      </Card>
    </>
  );
}
