/**
 * The tests press keys with Playwright's names (`sendKeys({ press: 'Shift+Tab' })`, `'Space'`, `'Control+a'`),
 * which the Chromium launcher (Playwright) understands. puppeteer's WebDriver BiDi keyboard (Firefox) knows
 * neither `Space` nor `+` chords, and WebDriver wants its own key codes: both launchers translate here.
 */

/** `'Shift+Tab'` → `['Shift', 'Tab']`, `'Space'` → `[' ']`, `'+'` → `['+']`. */
export function chordOf(press) {
  const parts = press.length > 1 ? press.split("+").filter(Boolean) : [press];
  return parts.map((part) => (part === "Space" ? " " : part));
}

/** Presses a chord on a puppeteer keyboard: modifiers down, key pressed, modifiers up. */
export async function pressWithPuppeteer(keyboard, press, options) {
  const keys = chordOf(press);
  const key = keys.pop();
  for (const modifier of keys) await keyboard.down(modifier);
  await keyboard.press(key, options);
  for (const modifier of keys.reverse()) await keyboard.up(modifier);
}

// https://www.w3.org/TR/webdriver2/#keyboard-actions
const WEBDRIVER_KEYS = {
  Backspace: "\uE003",
  Tab: "\uE004",
  Enter: "\uE007",
  Shift: "\uE008",
  Control: "\uE009",
  Alt: "\uE00A",
  Escape: "\uE00C",
  PageUp: "\uE00E",
  PageDown: "\uE00F",
  End: "\uE010",
  Home: "\uE011",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
  Delete: "\uE017",
  Meta: "\uE03D",
};

/** One key's WebDriver value (`'Tab'` → `'\uE004'`; a character stays itself). */
export function webdriverKey(key) {
  return WEBDRIVER_KEYS[key === "Space" ? " " : key] ?? key;
}

/** WebDriver key actions for one press (a chord: modifiers held around the key). */
export function webdriverKeyActions(press) {
  const keys = chordOf(press).map(webdriverKey);
  const down = keys.map((value) => ({ type: "keyDown", value }));
  const up = [...keys].reverse().map((value) => ({ type: "keyUp", value }));
  return [...down, ...up];
}
