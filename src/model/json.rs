//! JSON text ↔ `serde_json::Value`. In the browser the text is read and written by
//! the browser's own `JSON.parse`/`JSON.stringify` (serde_json's text parser and
//! float formatting cost ~20 KB of WebAssembly); on the host, by serde_json.
//! `Value` and the `serde` derives stay as they are.

use serde_json::Value;

/// The value of a JSON text, or why it is not one.
pub fn parse(text: &str) -> Result<Value, String> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).map(|v| from_js(&v)).map_err(|e| {
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "not JSON".into())
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// A typed value from JSON text; `None` when it is not JSON or not that shape.
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(parse(text).ok()?).ok()
}

/// The JSON text of a value: compact, or indented by two spaces.
pub fn text(value: &Value, pretty: bool) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let js = to_js(value);
        let written = if pretty {
            js_sys::JSON::stringify_with_replacer_and_space(
                &js,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_f64(2.0),
            )
        } else {
            js_sys::JSON::stringify(&js)
        };
        written.ok().and_then(|s| s.as_string()).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if pretty {
            serde_json::to_string_pretty(value).unwrap_or_default()
        } else {
            value.to_string()
        }
    }
}

/// The JSON text of a typed value.
pub fn text_of<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value).ok().map(|v| text(&v, false))
}

#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue) -> Value {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        // Integers stay integers (ids, counts); others are floats.
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if Array::is_array(v) {
        Value::Array(
            v.unchecked_ref::<Array>()
                .iter()
                .map(|x| from_js(&x))
                .collect(),
        )
    } else if let Some(object) = v.dyn_ref::<Object>() {
        // Inserted one by one: collecting would sort (and bring a sort for this pair type).
        let mut map = serde_json::Map::new();
        for pair in Object::entries(object).iter() {
            let pair = pair.unchecked_into::<Array>();
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, from_js(&pair.get(1)));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}

#[cfg(target_arch = "wasm32")]
fn to_js(v: &Value) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or_default()),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (k, x) in map {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), &to_js(x));
            }
            object.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_and_back() {
        let v = json!({"id": "C", "n": 3, "on": true, "none": null, "list": ["a", 1.5]});
        assert_eq!(parse(&text(&v, false)), Ok(v.clone()));
        assert_eq!(parse(&text(&v, true)), Ok(v.clone()));
        assert!(text(&v, true).contains("\n  \"id\": \"C\""));
        assert!(parse("{\"a\":").is_err());
    }

    #[test]
    fn typed_values() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct Kept {
            name: String,
            at: u64,
        }
        let kept = Kept {
            name: "x".into(),
            at: 7,
        };
        let stored = text_of(&kept).unwrap();
        assert_eq!(parse_as::<Kept>(&stored), Some(kept));
        assert_eq!(parse_as::<Kept>("{\"name\": 1}"), None);
        assert_eq!(parse_as::<Kept>("not json"), None);
    }
}
