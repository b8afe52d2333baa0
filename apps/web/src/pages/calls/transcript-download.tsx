import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** 「文字起こしをダウンロード」: the api streams the call's lines as a text file. */
export function TranscriptDownload({ callId }: { callId: string }) {
  const { t } = useTranslation("exports");
  return (
    <Button component="a" href={`/api/calls/${callId}/transcript.txt`} download variant="default" size="xs">
      {t("transcript")}
    </Button>
  );
}
