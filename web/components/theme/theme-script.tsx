import { themeScript } from "./theme";

/** Put in <head>: sets the theme class before the first paint. */
export function ThemeScript() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, the usual way to avoid a flash of the wrong theme.
  return <script dangerouslySetInnerHTML={{ __html: themeScript }} />;
}
