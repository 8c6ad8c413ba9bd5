# Validates a DCSA event file against docs/dcsa-tnt-2.2.schema.json (Draft 2020-12, with formats):
#   validate_tnt.py SCHEMA EVENTS [tnt3]
# With `tnt3`, the TNT 3.0 draft's codes porttwin export --tnt3-draft writes are allowed too.
# Prints the first errors and exits 1 when any event fails (or the file has none).
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
events = json.load(open(sys.argv[2]))
if len(sys.argv) > 3 and sys.argv[3] == "tnt3":
    schema["$defs"]["equipmentEventTypeCode"]["enum"] += ["CUSS", "CUSI", "CUSR", "CROS"]
    schema["$defs"]["iotEvent"] = {"allOf": [{"$ref": "#/$defs/baseEvent"}], "type": "object",
        "required": ["eventType", "iotEventTypeCode", "iotEventCode"],
        "properties": {"eventType": {"const": "IOT"}, "iotEventTypeCode": {"const": "DETC"},
                       "iotEventCode": {"enum": ["DRO", "DRC"]}, "equipmentReference": {"type": "string", "maxLength": 15}}}
    schema["items"]["oneOf"].append({"$ref": "#/$defs/iotEvent"})
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for i, e in enumerate(events):
    for err in v.iter_errors([e]):
        bad += 1
        if bad <= 5: print(i, err.message[:200])
print(len(events), "events,", bad, "errors")
sys.exit(1 if bad or not events else 0)
