import { describe, expect, it } from "vitest";
import { categoryLabel, endOfUtcDay, savedDay, utcTime } from "../src/panels/format";

describe("utcTime", () => {
  it.each([
    ["2026-11-22T10:15:00Z", "2026-11-22 10:15 UTC"],
    ["2026-11-22T10:15:59.999Z", "2026-11-22 10:15 UTC"],
    // An offset is converted, so every time in the history is on one clock.
    ["2026-11-22T01:30:00+02:00", "2026-11-21 23:30 UTC"],
    ["not a time", "not a time"],
  ])("%s → %s", (input, expected) => {
    expect(utcTime(input)).toBe(expected);
  });
});

describe("endOfUtcDay", () => {
  it.each([
    ["2026-11-21", "2026-11-21T23:59:59.999Z"],
    ["2024-02-29", "2024-02-29T23:59:59.999Z"],
    ["2026-12-31", "2026-12-31T23:59:59.999Z"],
  ])("%s ends at %s", (day, expected) => {
    expect(endOfUtcDay(day)).toBe(expected);
  });

  it.each(["", "2026-02-30", "2025-02-29", "2026-13-01", "21/11/2026", "2026-11-21T10:00:00Z"])("%j is not a day", (day) => {
    expect(endOfUtcDay(day)).toBeNull();
  });
});

describe("savedDay and categoryLabel", () => {
  it("cut and name", () => {
    expect(savedDay("2026-11-22T10:15:00Z")).toBe("2026-11-22");
    expect(savedDay("garbled")).toBe("garbled");
    expect(categoryLabel("support")).toBe("Support");
  });
});
