import { Alert, Button, Center, Stack } from "@mantine/core";

export function ServerUnavailable({ onRetry }: { onRetry: () => void }) {
  return (
    <Center mih="100vh">
      <Stack w={420}>
        <Alert color="red" title="サーバーに接続できません">
          Koe の API サーバーが応答していません。しばらくしてから再試行してください。
        </Alert>
        <Button onClick={onRetry}>再試行</Button>
      </Stack>
    </Center>
  );
}
