import { useComputedColorScheme } from "@mantine/core";

export type Tone = "red" | "orange" | "green";

/**
 * Text colours for SLA and delivery states with AA contrast (≥ 4.5:1) in both
 * schemes: Mantine's orange and green are too light for small text on white
 * even at shade 9, so the light scheme uses darker tones of them.
 */
const LIGHT: Record<Tone, string> = { red: "#c92a2a", orange: "#a63c06", green: "#087f5b" };
const DARK: Record<Tone, string> = { red: "red.4", orange: "orange.4", green: "teal.4" };

export function useToneColor(): (tone: Tone) => string {
  const dark = useComputedColorScheme("light") === "dark";
  return (tone) => (dark ? DARK : LIGHT)[tone];
}
