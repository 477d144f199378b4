'use strict';
// Renders a template's values the way Backstage's Scaffolder does: nunjucks with ${{ }} as the
// variable delimiters and no autoescaping; a value that is exactly one ${{ expression }} keeps the
// expression's type (it is rendered through `dump` and parsed back), any other string is rendered
// as text; a value that renders empty is left out. Only what the envforge template uses is here:
// no custom filters, no `each`, no secrets.

const nunjucks = require('nunjucks');

const env = new nunjucks.Environment(null, {
  autoescape: false,
  throwOnUndefined: false,
  tags: { variableStart: '${{', variableEnd: '}}' },
});

const SINGLE_EXPRESSION = /^\$\{\{([\s\S]+)\}\}$/;

function renderValue(value, context) {
  if (typeof value === 'string') {
    const single = SINGLE_EXPRESSION.exec(value.trim());
    if (single && !single[1].includes('${{') && !single[1].includes('}}')) {
      const dumped = env.renderString(`\${{ (${single[1]}) | dump }}`, context);
      return dumped === '' ? undefined : JSON.parse(dumped);
    }
    const text = env.renderString(value, context);
    return text === '' ? undefined : text;
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, context));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      const rendered = renderValue(v, context);
      if (rendered !== undefined) out[key] = rendered;
    }
    return out;
  }
  return value;
}

/**
 * The form's values as the Scaffolder hands them to the steps: what the user entered over the
 * defaults of every field the form shows, including fields that appear through `dependencies`.
 */
function formValues(template, entered) {
  const values = {};
  const collect = (schema) => {
    for (const [name, property] of Object.entries(schema.properties || {})) {
      if (property.default !== undefined && values[name] === undefined) values[name] = property.default;
    }
  };
  for (const page of template.spec.parameters) {
    collect(page);
    Object.assign(values, pick(entered, Object.keys(page.properties || {})));
    for (const [field, dependency] of Object.entries(page.dependencies || {})) {
      for (const branch of dependency.oneOf || []) {
        const own = branch.properties[field];
        if (own && own.const === (entered[field] ?? values[field])) {
          const extra = { properties: { ...branch.properties } };
          delete extra.properties[field];
          collect(extra);
          Object.assign(values, pick(entered, Object.keys(extra.properties)));
        }
      }
    }
  }
  return values;
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((k) => object[k] !== undefined).map((k) => [k, object[k]]));
}

module.exports = { renderValue, formValues };
