import { type Operation, problemSchema, type Route, routes } from "@sspr/core";
import * as z from "zod/mini";
import { operationSchemas } from "./operation-schemas.js";

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodMiniType, io: "input" | "output"): JsonSchema => {
  const { $schema: _ignored, ...rest }: JsonSchema = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return rest;
};

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same route table and zod
 * schemas that the handler validates with, so it cannot drift from what the API does.
 */
export function openApiDocument(serverUrl = "/"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = {
    description: "An RFC 9457 problem with a stable `code`",
    content: { "application/problem+json": { schema: schemaOf(problemSchema, "output") } },
  };
  for (const [operationId, route] of Object.entries(routes) as [Operation, Route][]) {
    const { request, response } = operationSchemas[operationId];
    const operation = {
      operationId,
      summary: route.summary,
      tags: [
        route.access === "anonymous" ? "reset" : route.access === "user" ? "registration" : "admin",
      ],
      ...(route.access === "anonymous" ? { security: [] } : {}),
      ...(request
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(request, "input") } },
            },
          }
        : {}),
      responses: {
        "200": route.stream
          ? {
              description: "JSON lines, each one of these, sent as the work goes on",
              content: { "application/x-ndjson": { schema: schemaOf(response, "output") } },
            }
          : {
              description: "Success",
              content: { "application/json": { schema: schemaOf(response, "output") } },
            },
        default: problem,
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { title: "sspr", version: "0.1.0", description: "Self-service password reset" },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
