import { callHistoryFilterFromSearch, callHistorySearchParams, parseCallHistorySearch } from "@koe/shared";
import { Alert, Button, Card, Center, Loader, Stack, Text } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../layout/page-header.tsx";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { HistoryCsvButton } from "./history-csv-button.tsx";
import { HistoryFilters } from "./history-filters.tsx";
import { HistoryTable } from "./history-table.tsx";

const PAGE_SIZE = 25;

/**
 * /calls: the history, newest first, filtered, one page (cursor) at a time. Every filter is in
 * the URL (`/calls?period=7d&outcome=booked`), so a filtered view can be bookmarked and shared.
 */
export function CallsPage() {
  const { t } = useTranslation("calls");
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.toString();
  const filters = useMemo(() => parseCallHistorySearch(new URLSearchParams(query)), [query]);
  // The period is counted from when the filters were chosen, so pages share one range.
  const input = useMemo(
    () => ({ limit: PAGE_SIZE, ...callHistoryFilterFromSearch(filters, new Date()) }),
    [filters],
  );
  const agents = useQuery(trpc.salesPitch.list.queryOptions());
  const history = useInfiniteQuery(
    trpc.calls.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }),
  );
  const calls = history.data?.pages.flatMap((page) => page.calls) ?? [];
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<HistoryCsvButton filter={input} />}
      />
      <Card withBorder radius="md" padding="lg">
        <Stack>
          <HistoryFilters
            values={filters}
            onChange={(next) => setSearchParams(callHistorySearchParams(next))}
            agents={(agents.data ?? []).map((a) => ({ id: a.id, name: a.name }))}
          />
          {history.isPending && (
            <Center py="xl">
              <Loader />
            </Center>
          )}
          {history.isError && <Alert color="red">{errorMessage(history.error)}</Alert>}
          {history.data && calls.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {t("empty")}
            </Text>
          )}
          {calls.length > 0 && <HistoryTable calls={calls} />}
          {history.hasNextPage && (
            <Center>
              <Button
                variant="default"
                loading={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                {t("loadMore")}
              </Button>
            </Center>
          )}
        </Stack>
      </Card>
    </>
  );
}
