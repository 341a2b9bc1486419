/** Above this many hundredths, a double no longer holds every hundredth exactly. */
const MAX_HUNDREDTHS_WRITTEN = 1e9;

/**
 * String(value), faster for the points and scores of explanations (whole numbers and hundredths): V8 writes a number
 * with a fraction out digit by digit (~130 ns, a few times per matched topic), so one in hundredths is written as
 * whole number and hundredths. Any other value goes to String.
 */
export function numberText(value: number): string {
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value || hundredths < 0 || hundredths > MAX_HUNDREDTHS_WRITTEN) return String(value);
  const whole = Math.trunc(hundredths / 100);
  const fraction = hundredths % 100;
  if (fraction === 0) return String(whole);
  return fraction % 10 === 0 ? `${whole}.${fraction / 10}` : `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}
