/** The small slice of OpenAPI 3.1 types this document needs. Schemas are JSON Schema 2020-12. */
export type JsonSchema = { [key: string]: unknown };

export type Parameter = {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
};

export type Ref = { $ref: string };

/** A Media Type Object; `encoding` describes the parts of a multipart body. */
export type MediaType = { schema: JsonSchema; encoding?: Record<string, { contentType?: string }> };

export type Response = {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
};

export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response | Ref>;
  security?: Record<string, string[]>[];
};

export type PathItem = Partial<Record<"get" | "post" | "put" | "patch" | "delete", Operation>> & {
  parameters?: (Parameter | Ref)[];
};

export type Paths = Record<string, PathItem>;
