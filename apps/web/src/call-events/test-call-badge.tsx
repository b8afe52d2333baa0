import { Badge, type BadgeProps, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Marks a test call of an evaluation run wherever calls are listed or shown. */
export function TestCallBadge({ isTest, size }: { isTest: boolean; size?: BadgeProps["size"] }) {
  const { t } = useTranslation("labels");
  if (!isTest) return null;
  return (
    <Tooltip label={t("testCall.hint")}>
      <Badge size={size} color="grape" variant="filled" data-testid="test-call-badge">
        {t("testCall.label")}
      </Badge>
    </Tooltip>
  );
}
