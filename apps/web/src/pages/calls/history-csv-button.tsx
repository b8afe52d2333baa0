import { Button, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HistoryFilter } from "../../lib/api-types.ts";

/**
 * 「CSVエクスポート」: every call the history's filter matches, streamed by the api as CSV. The
 * filter is the history query's own input (without its paging), so the file holds what the list does.
 */
export function HistoryCsvButton({ filter }: { filter: Omit<HistoryFilter, "cursor"> }) {
  const { t } = useTranslation("exports");
  const { limit: _limit, ...rest } = filter;
  const href = `/api/calls/export.csv?filter=${encodeURIComponent(JSON.stringify(rest))}`;
  return (
    <Tooltip label={t("historyCsvHint")}>
      <Button component="a" href={href} download variant="default">
        {t("historyCsv")}
      </Button>
    </Tooltip>
  );
}
