import { useTranslation } from "react-i18next";
import { useSession } from "../auth/use-session.ts";
import { useFormat } from "./use-format.ts";

/** Until the session has loaded: the column's default in the database. */
const DEFAULT_USD_JPY_RATE = 150;

/**
 * A cost measured in USD as the company reads it: yen at the company's exchange rate, the USD
 * figure beside it as detail (「¥45（$0.30）」).
 */
export function useMoney(): (usd: number) => string {
  const { t } = useTranslation("common");
  const format = useFormat();
  const { user } = useSession();
  const rate = user?.company?.usdJpyRate ?? DEFAULT_USD_JPY_RATE;
  return (usd) => t("money", { yen: format.jpy(usd * rate), usd: format.usd(usd) });
}
