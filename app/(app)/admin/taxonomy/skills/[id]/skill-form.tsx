"use client";
import { useRef, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import type { LearningResource } from "@/lib/domain/types";
import { saveSkillAction } from "../../actions";
import { button, input, label, primary } from "../../styles";

type SkillValues = {
  id: string;
  name: string;
  description: string;
  category: string;
  aliases: string[];
  tools: string[];
  levels: string[];
  resources: LearningResource[];
};
type Row = { key: number; title: string; url: string; level: string };

const FIELDS = ["name", "description", "category", "aliases", "tools", "levels", "resources"];

/** The skill's fields as one form; whatever was typed stays put when the save is refused. */
export function SkillForm({
  revision,
  skill,
  categories,
  scale,
}: {
  revision: number;
  skill: SkillValues;
  categories: { id: string; name: string }[];
  scale: { level: number; name: string }[];
}) {
  const [name, setName] = useState(skill.name);
  const [description, setDescription] = useState(skill.description);
  const [category, setCategory] = useState(skill.category);
  const [aliases, setAliases] = useState(skill.aliases.join("\n"));
  const [tools, setTools] = useState(skill.tools.join("\n"));
  const [levels, setLevels] = useState(() => [0, 1, 2, 3, 4].map((i) => skill.levels[i] ?? ""));
  const nextKey = useRef(skill.resources.length);
  const [rows, setRows] = useState<Row[]>(() =>
    skill.resources.map((r, key) => ({ key, title: r.title, url: r.url, level: String(r.level) })),
  );
  const addRef = useRef<HTMLButtonElement>(null);
  const form = useActionForm(saveSkillAction, {
    fields: [
      ...FIELDS,
      ...[0, 1, 2, 3, 4].map((i) => `levels.${i}`),
      ...rows.flatMap((_, i) => ["title", "url", "level"].map((f) => `resources.${i}.${f}`)),
    ],
    successMessage: "Saved in the draft.",
  });
  const err = form.fieldErrors;
  const area =
    "min-h-24 w-full max-w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    const key = nextKey.current++;
    setRows((rs) => [...rs, { key, title: "", url: "https://", level: "1" }]);
    setTimeout(() => document.getElementById(`res-${key}-title`)?.focus(), 0);
  };
  const removeRow = (key: number) => {
    setRows((rs) => rs.filter((r) => r.key !== key));
    setTimeout(() => addRef.current?.focus(), 0);
  };

  return (
    <form
      method="post"
      className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          {
            revision,
            skillId: skill.id,
            name,
            description,
            category,
            aliases,
            tools,
            levels,
            resources: rows.map(({ title, url, level }) => ({ title, url, level })),
          },
          e.currentTarget,
        );
      }}
    >
      <div className="min-w-0">
        <label htmlFor="sk-name" className={label}>
          Name
        </label>
        <input
          {...form.field("name", "sk-name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={120}
          className={input}
        />
        <FieldError id="sk-name-error" messages={err.name} />
      </div>
      <div className="min-w-0">
        <label htmlFor="sk-description" className={label}>
          Description
        </label>
        <textarea
          {...form.field("description", "sk-description")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          className={area}
        />
        <FieldError id="sk-description-error" messages={err.description} />
      </div>
      <div className="min-w-0">
        <label htmlFor="sk-category" className={label}>
          Category
        </label>
        <select
          {...form.field("category", "sk-category")}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className={input}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError id="sk-category-error" messages={err.category} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="min-w-0">
          <label htmlFor="sk-aliases" className={label}>
            Aliases
          </label>
          <textarea
            {...form.field("aliases", "sk-aliases", "sk-aliases-help")}
            value={aliases}
            onChange={(e) => setAliases(e.target.value)}
            className={area}
          />
          <p id="sk-aliases-help" className="text-sm text-slate-700">
            Other names search should find, one per line or separated by commas. A published alias is never dropped.
          </p>
          <FieldError id="sk-aliases-error" messages={err.aliases} />
        </div>
        <div className="min-w-0">
          <label htmlFor="sk-tools" className={label}>
            Tools
          </label>
          <textarea
            {...form.field("tools", "sk-tools", "sk-tools-help")}
            value={tools}
            onChange={(e) => setTools(e.target.value)}
            className={area}
          />
          <p id="sk-tools-help" className="text-sm text-slate-700">
            Products such as Terraform or Kubernetes, one per line or separated by commas.
          </p>
          <FieldError id="sk-tools-error" messages={err.tools} />
        </div>
      </div>
      <fieldset className="min-w-0 space-y-3" aria-describedby="sk-levels-help sk-levels-error">
        <legend className="text-lg font-semibold">What each level looks like</legend>
        <p id="sk-levels-help" className="text-sm text-slate-700">
          Write all five, or leave all five empty to use the general scale.
        </p>
        {scale.map(({ level, name: levelName }, i) => (
          <div key={level} className="min-w-0">
            <label htmlFor={`sk-level-${level}`} className={label}>
              Level {level} · {levelName}
            </label>
            <textarea
              {...form.field(`levels.${i}`, `sk-level-${level}`)}
              aria-invalid={Boolean(err[`levels.${i}`] || err.levels)}
              value={levels[i] ?? ""}
              onChange={(e) => setLevels((ls) => ls.map((l, j) => (j === i ? e.target.value : l)))}
              maxLength={1000}
              className={area}
            />
            <FieldError id={`sk-level-${level}-error`} messages={err[`levels.${i}`]} />
          </div>
        ))}
        <FieldError id="sk-levels-error" messages={err.levels} />
      </fieldset>
      <fieldset className="min-w-0 space-y-3" aria-describedby="sk-resources-error">
        <legend className="text-lg font-semibold">Learning resources</legend>
        {rows.length === 0 && <p className="text-slate-700">No resources yet.</p>}
        <ol className="space-y-3">
          {rows.map((r, i) => (
            <li key={r.key} className="min-w-0 rounded border border-slate-200 p-3">
              <fieldset className="grid min-w-0 gap-2 sm:grid-cols-[2fr_3fr_auto]">
                <legend className="font-medium">Resource {i + 1}</legend>
                <div className="min-w-0">
                  <label htmlFor={`res-${r.key}-title`} className="block text-sm font-medium">
                    Title
                  </label>
                  <input
                    {...form.field(`resources.${i}.title`, `res-${r.key}-title`)}
                    value={r.title}
                    onChange={(e) => setRow(r.key, { title: e.target.value })}
                    maxLength={200}
                    className={input}
                  />
                  <FieldError id={`res-${r.key}-title-error`} messages={err[`resources.${i}.title`]} />
                </div>
                <div className="min-w-0">
                  <label htmlFor={`res-${r.key}-url`} className="block text-sm font-medium">
                    Address (https://)
                  </label>
                  <input
                    {...form.field(`resources.${i}.url`, `res-${r.key}-url`)}
                    inputMode="url"
                    value={r.url}
                    onChange={(e) => setRow(r.key, { url: e.target.value })}
                    maxLength={500}
                    className={input}
                  />
                  <FieldError id={`res-${r.key}-url-error`} messages={err[`resources.${i}.url`]} />
                </div>
                <div className="min-w-0">
                  <label htmlFor={`res-${r.key}-level`} className="block text-sm font-medium">
                    Helps reach
                  </label>
                  <select
                    {...form.field(`resources.${i}.level`, `res-${r.key}-level`)}
                    value={r.level}
                    onChange={(e) => setRow(r.key, { level: e.target.value })}
                    className={input}
                  >
                    {scale.map((l) => (
                      <option key={l.level} value={String(l.level)}>
                        {l.level} · {l.name}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`res-${r.key}-level-error`} messages={err[`resources.${i}.level`]} />
                </div>
                <div className="sm:col-span-3">
                  <button type="button" className={button} onClick={() => removeRow(r.key)}>
                    Remove resource {i + 1}
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <button ref={addRef} type="button" className={button} onClick={addRow}>
          Add a resource
        </button>
        <FieldError id="sk-resources-error" messages={err.resources} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button className={primary} disabled={form.pending}>
          {form.pending ? "Saving…" : "Save in the draft"}
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
