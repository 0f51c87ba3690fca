"use client";

import type { Challenge } from "altcha-lib";
import { Fragment, startTransition, useActionState, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm, type FieldValues, type UseFormRegisterReturn } from "react-hook-form";
import { browserResolver } from "@/lib/forms/browser-resolver";
import type { FieldDefinition, FormInput, Option } from "@/lib/forms/definition";
import { submitLead, type SubmitState } from "@/lib/submission/actions";
import { HIDDEN } from "@/lib/forms/hidden-fields";
import { newIdempotencyKey } from "@/lib/submission/idempotency-key";
import { EmbedContext } from "./embed-bridge";
import { inputClass, primaryButton } from "@/components/ui/styles";

const initialState: SubmitState = { status: "idle" };

/**
 * A lead form: react-hook-form checks it in the browser with the form's zod schema before any request;
 * without JavaScript the same server action validates and returns the field errors.
 */
export function LeadForm({ definition: form, token, countries }: { definition: FormInput; token: string; countries: Option[] }) {
  const resolver = useMemo(() => browserResolver(form), [form]);
  const [state, formAction, pending] = useActionState(submitLead, initialState);
  const bridge = useContext(EmbedContext);
  useEffect(() => {
    if (state.status === "accepted") bridge?.submitted(form.id);
  }, [state.status, bridge, form.id]);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const returned = state.status === "idle" || state.status === "accepted" ? {} : state.values;
  const challenge = state.status === "challenge" ? state.challenge : null;
  useEffect(() => {
    // A flooded form asks for proof of work: solved here, then the same values go again, with no click.
    if (challenge && formRef.current) void solveAndResend(challenge, formRef.current, formAction);
  }, [challenge, formAction]);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<FieldValues>({ resolver, mode: "onTouched" });

  if (state.status === "accepted") {
    return (
      <div role="status" className="rounded-lg bg-green-50 p-4 text-green-900">
        {state.message}
      </div>
    );
  }

  const serverErrors = state.status === "invalid" ? state.errors : {};
  const errorFor = (name: string) => (errors[name]?.message as string | undefined) ?? serverErrors[name]?.[0];
  const summary = form.fields.filter((f) => serverErrors[f.name]?.length);
  const lastConsent = form.fields.findLastIndex((f) => f.kind === "consent");

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      data-hydrated={hydrated || undefined}
      onSubmit={(event) => handleSubmit(() => startTransition(() => formAction(new FormData(formRef.current!))))(event)}
      className="space-y-4"
    >
      <input type="hidden" name={HIDDEN.formId} value={form.id} />
      <input type="hidden" name={HIDDEN.token} value={("token" in state && state.token) || token} />
      {hydrated && <input type="hidden" name={HIDDEN.canProve} value="1" />}
      {hydrated && !form.fields.some((f) => f.maps === "timezone") && (
        <input type="hidden" name={HIDDEN.timezone} value={Intl.DateTimeFormat().resolvedOptions().timeZone} />
      )}
      {/* One key per filled-in form, so a repeated post is recognised; without JavaScript the server compares values instead. */}
      <input
        type="hidden"
        name={HIDDEN.idempotencyKey}
        ref={(input) => {
          if (input && !input.value) input.value = newIdempotencyKey();
        }}
      />
      {/* People never see this box; form-filling bots do, and fill it. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={`${form.id}-${HIDDEN.honeypot}`}>Leave this field empty</label>
        <input id={`${form.id}-${HIDDEN.honeypot}`} type="text" name={HIDDEN.honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {summary.length > 0 && (
        <div role="alert" aria-labelledby={`${form.id}-summary`} className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <h2 id={`${form.id}-summary`} className="font-semibold">
            Please correct {summary.length === 1 ? "this field" : `these ${summary.length} fields`}:
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {summary.map((f) => (
              <li key={f.name}>
                <a href={`#field-${f.name}`} className="underline underline-offset-2">
                  {f.label}: {serverErrors[f.name][0]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.status === "error" && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      )}
      {challenge && (
        <p role="status" className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          Many people are sending this form right now. Your browser is confirming you are a person; this takes a few seconds.
        </p>
      )}
      {form.fields.map((field, index) => (
        <Fragment key={field.name}>
          <Field field={field} error={errorFor(field.name)} returned={returned[field.name]} registration={register(field.name)} countries={countries} />
          {index === lastConsent && <PrivacyNoticeLink url={form.privacyNoticeUrl} />}
        </Fragment>
      ))}
      {lastConsent === -1 && <PrivacyNoticeLink url={form.privacyNoticeUrl} />}
      <button type="submit" disabled={pending || !!challenge} className={`w-full ${primaryButton}`}>
        {pending || challenge ? "Sending…" : form.submitLabel}
      </button>
    </form>
  );
}

/** Loads the solver only when asked (it is never in the page's first load), solves, and posts the form again. */
async function solveAndResend(challenge: Challenge, form: HTMLFormElement, send: (data: FormData) => void) {
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([import("altcha-lib"), import("altcha-lib/algorithms/web/pbkdf2")]);
  const solution = await solveChallenge({ challenge, deriveKey });
  const data = new FormData(form);
  if (solution) data.set(HIDDEN.proof, btoa(JSON.stringify({ challenge, solution })));
  startTransition(() => send(data));
}

const noSubscription = () => () => {};
/** False in the server's HTML, true once React runs in the browser: the page's scripts and tests can tell. */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** The privacy notice, right under the consent wording; a new tab, so an embedded form keeps what was typed. */
function PrivacyNoticeLink({ url }: { url?: string }) {
  if (!url) return null;
  return (
    <p className="text-sm text-slate-700">
      How we use your details:{" "}
      <a href={url} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2">
        privacy notice<span className="sr-only"> (opens in a new tab)</span>
      </a>
    </p>
  );
}

type FieldProps = {
  field: FieldDefinition;
  /** The country picker's choices, named on the server: the names never ship as JavaScript. */
  countries: Option[];
  error?: string;
  /** What the visitor typed, handed back by the server when JavaScript is off. */
  returned?: string | string[];
  registration: UseFormRegisterReturn;
};

const INPUT_TYPES: Partial<Record<FieldDefinition["kind"], string>> = {
  email: "email",
  phone: "tel",
  url: "url",
  date: "date",
  number: "number",
  text: "text",
  timezone: "text",
};

function Field({ field, error, returned, registration, countries }: FieldProps) {
  const id = `field-${field.name}`;
  const describedBy = [field.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const aria = { "aria-invalid": !!error, "aria-describedby": describedBy };
  const single = typeof returned === "string" ? returned : undefined;
  const help = field.help && (
    <p id={`${id}-help`} className="text-sm text-slate-600">
      {field.help}
    </p>
  );
  const message = error && (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );

  if (field.kind === "checkbox" || field.kind === "consent") {
    return (
      <div>
        <div className="flex items-start gap-3">
          <input id={id} type="checkbox" defaultChecked={!!single} className="mt-1 size-4" {...aria} {...registration} />
          <label htmlFor={id} className="text-sm text-slate-700">
            {field.label}
          </label>
        </div>
        {help}
        {message}
      </div>
    );
  }

  if (field.kind === "checkboxes") {
    const chosen = Array.isArray(returned) ? returned : single ? [single] : [];
    return (
      <fieldset {...aria}>
        <legend className="text-sm font-medium text-slate-800">{field.label}</legend>
        {help}
        {field.options.map((option) => (
          <div key={option.value} className="mt-1 flex items-center gap-2">
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              value={option.value}
              defaultChecked={chosen.includes(option.value)}
              className="size-4"
              {...registration}
            />
            <label htmlFor={`${id}-${option.value}`} className="text-sm text-slate-700">
              {option.label}
            </label>
          </div>
        ))}
        {message}
      </fieldset>
    );
  }

  const label = (
    <label htmlFor={id} className="block text-sm font-medium text-slate-800">
      {field.label}
      {!field.required && <span className="font-normal text-slate-500"> (optional)</span>}
    </label>
  );
  const common = {
    id,
    defaultValue: single,
    autoComplete: field.autoComplete,
    "aria-required": field.required,
    className: inputClass,
    ...aria,
    ...registration,
  };

  let control;
  if (field.kind === "select" || field.kind === "country") {
    const options = field.kind === "select" ? field.options : countries;
    control = (
      <select {...common}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "text" && field.multiline) {
    control = <textarea rows={4} {...common} />;
  } else {
    control = <input type={INPUT_TYPES[field.kind] ?? "text"} {...common} />;
  }
  return (
    <div>
      {label}
      {help}
      {control}
      {message}
    </div>
  );
}
