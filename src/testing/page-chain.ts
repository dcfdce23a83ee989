// A page on its way: `render()` returns one, so a test can chain what it does and checks, Livewire-style, and await
// the whole: `await render(app, "/").call(increment).assertSee("Count: 1")`. Awaiting it gives the LivePage.

import type { JsonObject, Json } from "../json.ts";
import type { HandlerRef } from "../live/calls/registry.ts";
import type { LivePage } from "./live-page.ts";

export class PageChain implements PromiseLike<LivePage> {
  constructor(private page: Promise<LivePage>) {}

  private step(run: (page: LivePage) => unknown): this {
    this.page = this.page.then(async (page) => {
      await run(page);
      return page;
    });
    return this;
  }

  click(selector: string): this {
    return this.step((p) => p.click(selector));
  }
  fill(selector: string, value: string): this {
    return this.step((p) => p.fill(selector, value));
  }
  submit(selector: string): this {
    return this.step((p) => p.submit(selector));
  }
  call<C>(handler: string | HandlerRef<C>, content?: C): this {
    return this.step((p) => p.call(handler, content));
  }
  advance(ms: number): this {
    return this.step((p) => p.advance(ms));
  }
  assertSee(text: string | number, selector?: string): this {
    return this.step((p) => p.assertSee(text, selector));
  }
  assertDontSee(text: string | number, selector?: string): this {
    return this.step((p) => p.assertDontSee(text, selector));
  }
  assertSentTo(target: string, text?: string | number): this {
    return this.step((p) => p.assertSentTo(target, text));
  }
  assertAction(name: string, fields?: JsonObject): this {
    return this.step((p) => p.assertAction(name, fields));
  }
  assertSession(key: string, value: Json): this {
    return this.step((p) => p.assertSession(key, value));
  }

  then<T = LivePage, E = never>(
    resolve?: ((page: LivePage) => T | PromiseLike<T>) | null,
    reject?: ((reason: unknown) => E | PromiseLike<E>) | null,
  ): Promise<T | E> {
    return this.page.then(resolve, reject);
  }
}
