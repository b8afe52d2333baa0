import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { signIn } from "./auth-api.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (EMAIL.test(v.trim()) ? null : "メールアドレスの形式が正しくありません"),
      password: (v) => (v.length > 0 ? null : "パスワードを入力してください"),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setSubmitting(true);
    setFailure(null);
    const result = await signIn(email.trim(), password);
    setSubmitting(false);
    if (!result.ok) return setFailure(result.message);
    await queryClient.resetQueries();
    navigate("/", { replace: true });
  });

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>Koe</Title>
              <Text c="dimmed" size="sm">
                AI 電話エージェント管理画面にログイン
              </Text>
            </div>
            {failure && (
              <Alert color="red" title="ログインできません">
                {failure}
              </Alert>
            )}
            <TextInput
              label="メールアドレス"
              autoComplete="username"
              placeholder="admin@example.co.jp"
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label="パスワード"
              autoComplete="current-password"
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={submitting} fullWidth>
              ログイン
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
