import { z } from "zod";

/** A JSON Schema (draft-07) node. */
export type JsonSchema = Record<string, unknown>;

/**
 * Converts the zod types the config schema uses (object, string, number, boolean, array, optional,
 * default, refinements) into JSON Schema. Small on purpose: it refuses any other zod type, so a new kind
 * of field fails `npm run schema` loudly instead of publishing a wrong schema.
 */
export function toJsonSchema(schema: z.ZodTypeAny): JsonSchema {
  const node = convert(schema);
  return { $schema: "http://json-schema.org/draft-07/schema#", ...node };
}

function convert(schema: z.ZodTypeAny): JsonSchema {
  const description = schema.description ? { description: schema.description } : {};
  if (schema instanceof z.ZodOptional) return { ...convert(schema.unwrap()), ...description };
  if (schema instanceof z.ZodDefault) {
    return { ...convert(schema.removeDefault()), ...description, default: schema._def.defaultValue() };
  }
  // Refinements (e.g. medium < high) cannot be said in JSON Schema; zod still checks them.
  if (schema instanceof z.ZodEffects) return { ...convert(schema.innerType()), ...description };
  if (schema instanceof z.ZodObject) return { ...convertObject(schema), ...description };
  if (schema instanceof z.ZodString) return { type: "string", ...lengthBounds(schema), ...description };
  if (schema instanceof z.ZodNumber) return { ...convertNumber(schema), ...description };
  if (schema instanceof z.ZodBoolean) return { type: "boolean", ...description };
  if (schema instanceof z.ZodArray) {
    const def = schema._def;
    return {
      type: "array",
      items: convert(def.type),
      ...(def.minLength ? { minItems: def.minLength.value } : {}),
      ...(def.maxLength ? { maxItems: def.maxLength.value } : {}),
      ...description,
    };
  }
  throw new Error(
    `toJsonSchema: zod type ${schema.constructor.name} is not supported; extend src/config/to-json-schema.ts`,
  );
}

function convertObject(schema: z.ZodObject<z.ZodRawShape>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    properties[key] = convert(field as z.ZodTypeAny);
    if (!(field as z.ZodTypeAny).isOptional()) required.push(key);
  }
  const strict = schema._def.unknownKeys === "strict";
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
    ...(strict ? { additionalProperties: false } : {}),
  };
}

function lengthBounds(schema: z.ZodString): JsonSchema {
  const out: JsonSchema = {};
  for (const check of schema._def.checks) {
    if (check.kind === "min") out.minLength = check.value;
    else if (check.kind === "max") out.maxLength = check.value;
    else throw new Error(`toJsonSchema: string check "${check.kind}" is not supported`);
  }
  return out;
}

function convertNumber(schema: z.ZodNumber): JsonSchema {
  const out: JsonSchema = { type: "number" };
  for (const check of schema._def.checks) {
    if (check.kind === "int") out.type = "integer";
    else if (check.kind === "min") out[check.inclusive ? "minimum" : "exclusiveMinimum"] = check.value;
    else if (check.kind === "max") out[check.inclusive ? "maximum" : "exclusiveMaximum"] = check.value;
    else throw new Error(`toJsonSchema: number check "${check.kind}" is not supported`);
  }
  return out;
}
