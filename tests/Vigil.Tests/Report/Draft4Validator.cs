using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vigil.Tests.Report;

/// <summary>
/// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 and
/// vigil.yaml schemas use: type, properties, additionalProperties, required,
/// items, minItems, uniqueItems, enum, minimum, maximum, pattern, format
/// (uri, uri-reference, date-time), anyOf, oneOf, and local $ref. Any other
/// keyword fails loudly, so the validator never silently accepts what it
/// does not check.
/// </summary>
public sealed class Draft4Validator
{
    private static readonly HashSet<string> Annotations = ["$schema", "id", "$id", "title", "description", "default", "definitions", "examples", "$comment"];
    private static readonly HashSet<string> Keywords =
        ["$ref", "type", "properties", "additionalProperties", "required", "items", "minItems", "uniqueItems", "enum",
         "minimum", "maximum", "pattern", "format", "anyOf", "oneOf"];

    private readonly JsonElement root;

    public Draft4Validator(JsonElement schema) => root = schema;

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        foreach (var kw in schema.EnumerateObject())
            if (!Keywords.Contains(kw.Name) && !Annotations.Contains(kw.Name))
                throw new NotSupportedException($"schema keyword \"{kw.Name}\" is not implemented by Draft4Validator");

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
            return; // draft-04: $ref replaces the rest of the schema
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: expected type {type}, got {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonEquals(o, value)))
            errors.Add($"{at}: {value} is not one of {options}");

        switch (value.ValueKind)
        {
            case JsonValueKind.Object: CheckObject(schema, value, at, errors); break;
            case JsonValueKind.Array: CheckArray(schema, value, at, errors); break;
            case JsonValueKind.String: CheckString(schema, value.GetString()!, at, errors); break;
            case JsonValueKind.Number:
                if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) errors.Add($"{at}: {value} < minimum {min}");
                if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) errors.Add($"{at}: {value} > maximum {max}");
                break;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Passes(s, value, at)))
            errors.Add($"{at}: matches none of anyOf");
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            int n = oneOf.EnumerateArray().Count(s => Passes(s, value, at));
            if (n != 1) errors.Add($"{at}: matches {n} of oneOf, not exactly one");
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string at)
    {
        var sub = new List<string>();
        Check(schema, value, at, sub);
        return sub.Count == 0;
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var r in required.EnumerateArray())
                if (!value.TryGetProperty(r.GetString()!, out _)) errors.Add($"{at}: missing required property \"{r.GetString()}\"");
        schema.TryGetProperty("properties", out var props);
        foreach (var p in value.EnumerateObject())
        {
            var path = $"{at}/{p.Name}";
            if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(p.Name, out var ps)) Check(ps, p.Value, path, errors);
            else if (schema.TryGetProperty("additionalProperties", out var extra))
            {
                if (extra.ValueKind == JsonValueKind.False) errors.Add($"{path}: property not allowed");
                else if (extra.ValueKind == JsonValueKind.Object) Check(extra, p.Value, path, errors);
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var items = value.EnumerateArray().ToList();
        if (schema.TryGetProperty("minItems", out var min) && items.Count < min.GetInt32()) errors.Add($"{at}: fewer than {min} items");
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
            for (int i = 0; i < items.Count; i++)
                for (int j = i + 1; j < items.Count; j++)
                    if (JsonEquals(items[i], items[j])) errors.Add($"{at}: items {i} and {j} are equal but must be unique");
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            if (itemSchema.ValueKind != JsonValueKind.Object) throw new NotSupportedException("tuple-form items");
            for (int i = 0; i < items.Count; i++) Check(itemSchema, items[i], $"{at}/{i}", errors);
        }
    }

    private static void CheckString(JsonElement schema, string s, string at, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(s, pattern.GetString()!)) errors.Add($"{at}: \"{s}\" does not match {pattern}");
        if (!schema.TryGetProperty("format", out var format)) return;
        bool ok = format.GetString() switch
        {
            "uri" => Uri.TryCreate(s, UriKind.Absolute, out _),
            "uri-reference" => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out _),
            "date-time" => DateTimeOffset.TryParse(s, out _),
            var f => throw new NotSupportedException($"format {f}"),
        };
        if (!ok) errors.Add($"{at}: \"{s}\" is not a valid {format}");
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"non-local $ref {reference}");
        var node = root;
        foreach (var part in reference[2..].Split('/')) node = node.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
        return node;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Is(t.GetString()!, value)) : Is(type.GetString()!, value);

    private static bool Is(string type, JsonElement v) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        _ => throw new NotSupportedException($"type {type}"),
    };

    private static bool JsonEquals(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);
}
