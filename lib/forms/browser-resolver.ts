import type { FieldError, FieldValues, Resolver } from "react-hook-form";
import { checkField } from "./checks";
import type { FormInput } from "./fields";

/**
 * react-hook-form's validation for a form, from the same definition and checks as the server's schema: the browser
 * never refuses what the server accepts, and where both refuse, it says the same thing.
 */
export function browserResolver(form: FormInput): Resolver<FieldValues> {
  return async (values) => {
    const errors: Record<string, FieldError> = {};
    for (const field of form.fields) {
      const result = checkField(field, values[field.name]);
      if (!result.ok) errors[field.name] = { type: "validate", message: result.message };
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
}
