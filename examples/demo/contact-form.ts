// The contact form of the demo (its messages are kept by contact-messages.ts).

import { z } from "zod";
import { defineForm } from "liveview-node";

export const ContactForm = defineForm({
  name: z.string().max(100, "Keep the name under 100 characters."),
  email: z.email("Enter a valid email address."),
  // Shown as a link on the messages page: only http(s), since a `javascript:` link runs when clicked, escaped or not.
  website: z.httpUrl("Enter a web address that starts with http:// or https://.").max(200).optional(),
  message: z.string().max(5000).optional(),
});

export type ContactFormInstance = InstanceType<typeof ContactForm>;
