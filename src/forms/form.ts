// Django-style forms on zod schemas: bind data, validate, read errors, cleaned data and bound fields.

import type { z } from "zod";

export type FieldSchemas = Record<string, z.ZodType>;
type Values = Record<string, unknown>;

export const REQUIRED_MESSAGE = "This field is required.";

/** One field as a template sees it: `{{ form.email.value }}`, `{{ form.email.errors }}`. */
export interface BoundField {
  name: string;
  value: unknown;
  errors: string[];
  label: string;
}

export interface FormOptions {
  initial?: Values | null;
}

export class Form<F extends FieldSchemas = FieldSchemas> {
  readonly isBound: boolean;
  readonly initial: Values;
  private result: { errors: Record<string, string[]>; cleaned: Values } | null = null;

  constructor(
    readonly schema: F,
    readonly data: Values | null = null,
    options: FormOptions = {},
  ) {
    this.isBound = data !== null && data !== undefined;
    this.initial = { ...(options.initial ?? {}) };
    for (const name of Object.keys(schema)) {
      if (name in this) throw new Error(`a form field cannot be called "${name}": the name is taken by the Form API`);
      Object.defineProperty(this, name, { enumerable: true, get: () => this.field(name) });
    }
  }

  field(name: string): BoundField {
    const value = this.isBound ? this.data![name] : this.initial[name];
    const label = name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");
    return { name, value, errors: this.isBound ? (this.validate().errors[name] ?? []) : [], label };
  }

  isValid(): boolean {
    return this.isBound && Object.keys(this.validate().errors).length === 0;
  }

  /** Errors per field name; empty for an unbound form. */
  get errors(): Record<string, string[]> {
    return this.isBound ? this.validate().errors : {};
  }

  get cleanedData(): { [K in keyof F]: z.infer<F[K]> } {
    if (!this.isValid()) throw new Error("cleanedData is only there when isValid() is true");
    return this.validate().cleaned as { [K in keyof F]: z.infer<F[K]> };
  }

  private validate(): { errors: Record<string, string[]>; cleaned: Values } {
    if (this.result) return this.result;
    const errors: Record<string, string[]> = {};
    const cleaned: Values = {};
    for (const [name, schema] of Object.entries(this.schema)) {
      const raw = this.data?.[name];
      const value = typeof raw === "string" && raw.trim() === "" ? undefined : raw;
      const parsed = schema.safeParse(value);
      if (parsed.success) cleaned[name] = parsed.data;
      else errors[name] = value === undefined ? [REQUIRED_MESSAGE] : parsed.error.issues.map((i) => i.message);
    }
    return (this.result = { errors, cleaned });
  }
}

export type FormClass<F extends FieldSchemas> = new (
  data?: Values | null,
  options?: FormOptions,
) => Form<F> & { readonly [K in keyof F]: BoundField };

/** `const ContactForm = defineForm({ name: z.string(), ... })`; then `new ContactForm(data)` or `new ContactForm(null, { initial })`. */
export function defineForm<F extends FieldSchemas>(schema: F): FormClass<F> {
  return class extends Form<F> {
    constructor(data: Values | null = null, options: FormOptions = {}) {
      super(schema, data, options);
    }
  } as FormClass<F>;
}
