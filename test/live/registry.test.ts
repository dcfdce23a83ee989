import { describe, expect, it } from "vitest";
import { FORM_DRAFTS_KEY } from "../../src/constants.ts";
import { Registry } from "../../src/live/calls/registry.ts";

describe("the registry's session-change reactions", () => {
  it("reacts to the keys some reaction watches, and to no other", () => {
    const registry = new Registry().onSessionChange(["counter", "cart"], () => undefined);
    expect(registry.reactsTo(["counter"])).toBe(true);
    expect(registry.reactsTo(["theme", "cart"])).toBe(true);
    expect(registry.reactsTo(["theme"])).toBe(false);
    expect(registry.reactsTo([])).toBe(false);
    // The built-in drafts reaction is registered like any other.
    expect(registry.reactsTo([FORM_DRAFTS_KEY])).toBe(true);
  });

  it("hears of a reaction registered after the first question", () => {
    const registry = new Registry();
    expect(registry.reactsTo(["counter"])).toBe(false);
    const reaction = () => undefined;
    registry.onSessionChange("counter", reaction);
    expect(registry.reactsTo(["counter"])).toBe(true);
    expect(registry.reactionsFor(["counter"])).toEqual([reaction]);
  });
});
