import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LanguageSwitch } from "../i18n/language-switch.tsx";
import { type SignInFailure, signIn } from "./auth-api.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useTranslation("auth");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (EMAIL.test(v.trim()) ? null : t("invalidEmail")),
      password: (v) => (v.length > 0 ? null : t("passwordRequired")),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setSubmitting(true);
    setFailure(null);
    const result = await signIn(email.trim(), password);
    setSubmitting(false);
    if (!result.ok) return setFailure(result);
    await queryClient.resetQueries();
    await navigate("/", { replace: true });
  });

  return (
    <Center mih="100vh" bg="gray.0">
      <Stack w={400} gap="xs">
        <Group justify="flex-end">
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={2}>Koe</Title>
                <Text c="dimmed" size="sm">
                  {t("subtitle")}
                </Text>
              </div>
              {failure && (
                <Alert color="red" title={t("failureTitle")}>
                  {failure.reason === "http"
                    ? t("failure.http", { status: failure.status })
                    : t(`failure.${failure.reason}`)}
                </Alert>
              )}
              <TextInput
                label={t("email")}
                autoComplete="username"
                placeholder={t("emailPlaceholder")}
                {...form.getInputProps("email")}
              />
              <PasswordInput
                label={t("password")}
                autoComplete="current-password"
                // Mantine's own label for the eye button is English only.
                visibilityToggleButtonProps={{ "aria-label": t("togglePassword") }}
                {...form.getInputProps("password")}
              />
              <Button type="submit" loading={submitting} fullWidth>
                {t("submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
