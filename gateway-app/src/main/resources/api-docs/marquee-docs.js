// Swagger UI on the gateway's own OpenAPI document; validatorUrl null: the page asks no outside server for anything.
window.ui = SwaggerUIBundle({
  url: "docs/gateway-api.yaml",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null
});
