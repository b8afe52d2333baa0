import { Code, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** An event's raw record, folded behind 「詳細」: there for those who want it, out of everyone else's way. */
export function RawDetails({ raw }: { raw: unknown }) {
  const { t } = useTranslation("callEvents");
  const [opened, setOpened] = useState(false);
  return (
    <div>
      <UnstyledButton
        fz="xs"
        c="blue"
        onClick={() => setOpened((o) => !o)}
        aria-expanded={opened}
        style={{ flexShrink: 0 }}
      >
        {t("details")}
      </UnstyledButton>
      {opened && (
        <Code block fz="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          {JSON.stringify(raw, null, 2)}
        </Code>
      )}
    </div>
  );
}
