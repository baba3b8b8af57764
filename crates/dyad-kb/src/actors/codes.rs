//! Decoding of CAMEO/Phoenix actor codes ("CHNGOV", "IGOUNOHLHWHO",
//! "~GOVMIL") into country, sectors and IGO, and of their date ranges.

use chrono::NaiveDate;

use super::ActorCode;

/// ISO 3166-1 alpha-3 codes known to GeoNames (sorted, for binary search).
static ISO3: &[&str] = &[
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ANT", "ARE", "ARG", "ARM", "ASM", "ATA",
    "ATF", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR",
    "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA",
    "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM",
    "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM",
    "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO",
    "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC",
    "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN",
    "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN",
    "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA",
    "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV",
    "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ",
    "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR",
    "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI",
    "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SCG", "SDN",
    "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD",
    "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA",
    "TJK", "TKL", "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR",
    "UMI", "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM",
    "XKX", "YEM", "ZAF", "ZMB", "ZWE",
];

/// Phoenix/CAMEO country codes that are not ISO3, mapped to ISO3 (successor
/// states for historical ones).
static COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("ANG", "AGO"),
    ("CSK", "CZE"),
    ("DDR", "DEU"),
    ("EIN", "IDN"),
    ("FRN", "FRA"),
    ("FRY", "SRB"),
    ("KRJ", "HRV"),
    ("KSV", "XKX"),
    ("ROM", "ROU"),
    ("SRP", "SRB"),
    ("SUN", "RUS"),
    ("TMP", "TLS"),
    ("USR", "RUS"),
    ("YUG", "SRB"),
    ("ZAR", "COD"),
];

/// CAMEO region codes: they locate an IGO/NGO but are neither a country nor
/// a sector.
static REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EUR", "KAS",
    "KKL", "KNT", "LAM", "MDT", "MEA", "NAF", "NAM", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN",
    "SEA", "WAF", "WEU", "WST", "INT",
];

/// Organisation sub-codes inside IGO codes → readable short names. The most
/// specific (last) one found names the IGO.
static IGO_NAMES: &[(&str, &str)] = &[
    ("AFB", "African Development Bank"),
    ("AFU", "AU"),
    ("AIE", "IEA"),
    ("AMU", "Arab Maghreb Union"),
    ("APE", "OAPEC"),
    ("ARL", "Arab League"),
    ("ASN", "ASEAN"),
    ("BIS", "BIS"),
    ("BRC", "BRICS"),
    ("CIS", "CIS"),
    ("COE", "Council of Europe"),
    ("CPL", "CPLP"),
    ("EBR", "EBRD"),
    ("EEC", "EU"),
    ("EFT", "EFTA"),
    ("FAO", "FAO"),
    ("GCC", "GCC"),
    ("GOE", "G8"),
    ("GOS", "G7"),
    ("GSS", "G77"),
    ("GTW", "G20"),
    ("HCH", "UNHCHR"),
    ("HCR", "UNHCR"),
    ("IAD", "IGAD"),
    ("IAE", "IAEA"),
    ("ICC", "ICC"),
    ("ICJ", "ICJ"),
    ("IDB", "Islamic Development Bank"),
    ("ILO", "ILO"),
    ("IMF", "IMF"),
    ("IPU", "IPU"),
    ("ITP", "Interpol"),
    ("KID", "UNICEF"),
    ("NAT", "NATO"),
    ("OAS", "OAS"),
    ("OAU", "OAU"),
    ("OIC", "OIC"),
    ("OPC", "OPEC"),
    ("SAD", "SADC"),
    ("SCE", "OSCE"),
    ("SCO", "SCO"),
    ("UNO", "UN"),
    ("WAS", "ECOWAS"),
    ("WBK", "World Bank"),
    ("WCT", "ICTY"),
    ("WFP", "WFP"),
    ("WHO", "WHO"),
    ("WTO", "WTO"),
];

/// ISO3 for a Phoenix country code (ISO3 itself or a known alias).
pub fn country_iso3(code: &str) -> Option<&'static str> {
    if let Ok(i) = ISO3.binary_search(&code) {
        return Some(ISO3[i]);
    }
    COUNTRY_ALIASES
        .iter()
        .find(|(a, _)| *a == code)
        .map(|(_, iso)| *iso)
}

/// True for a known ISO3 code.
pub fn is_iso3(code: &str) -> bool {
    ISO3.binary_search(&code).is_ok()
}

/// The readable short name for an IGO sub-code ("UNO" → "UN").
pub fn igo_name(chunk: &str) -> Option<&'static str> {
    IGO_NAMES.iter().find(|(c, _)| *c == chunk).map(|(_, n)| *n)
}

/// Decodes a bare code (no brackets, no dates). Agent codes start with `~`
/// and carry sectors only. Returns an error for codes that are not made of
/// 3-letter chunks.
pub fn decode(code: &str) -> Result<ActorCode, String> {
    let mut out = ActorCode {
        country: None,
        sectors: Vec::new(),
        igo: None,
        from: None,
        to: None,
    };
    let (agent, body) = match code.strip_prefix('~') {
        Some(b) => (true, b),
        None => (false, code),
    };
    if body == "---" || body.is_empty() {
        return Ok(out);
    }
    if body.len() % 3 != 0
        || !body
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(format!(
            "bad actor code {code:?} (want 3-letter chunks such as CHNGOV)"
        ));
    }
    let chunks: Vec<&str> = (0..body.len() / 3)
        .map(|i| &body[i * 3..i * 3 + 3])
        .collect();
    let mut rest = &chunks[..];
    let mut is_igo = false;
    if !agent {
        match chunks[0] {
            "IGO" => {
                is_igo = true;
                out.sectors.push("IGO".into());
                rest = &chunks[1..];
            }
            "NGO" => {
                out.sectors.push("NGO".into());
                rest = &chunks[1..];
            }
            "MNC" => {
                out.sectors.push("BUS".into());
                rest = &chunks[1..];
            }
            "IMG" => {
                out.sectors.push("REB".into());
                rest = &chunks[1..];
            }
            _ => {}
        }
        if !is_igo {
            if let Some(first) = rest.first() {
                if let Some(iso) = country_iso3(first) {
                    out.country = Some(iso.to_string());
                    rest = &rest[1..];
                }
            }
        }
    }
    for &c in rest {
        if is_igo {
            if let Some(n) = igo_name(c) {
                out.igo = Some(n.to_string());
                continue;
            }
        }
        if REGIONS.contains(&c) || (!agent && is_iso3(c) && !is_sector(c)) {
            continue;
        }
        if !out.sectors.iter().any(|s| s == c) {
            out.sectors.push(c.to_string());
        }
    }
    Ok(out)
}

/// PLOVER/CAMEO sector codes that also happen to be ISO3 codes.
fn is_sector(c: &str) -> bool {
    matches!(c, "MUS" | "MAR")
}

/// Parses a 6-digit (YYMMDD) or 8-digit (YYYYMMDD) date. Two-digit years up
/// to 30 are 20xx, the others 19xx.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, md) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = md[..2].parse().ok()?;
    let d: u32 = md[2..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses the inside of one bracket group: "CHNGOV", "CHNGOV >20121115",
/// "AFGGOV 780427-780430", "USAGOV <20090120", "~GOVMIL", "---".
pub fn parse_group(inner: &str) -> Result<ActorCode, String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().ok_or_else(|| "empty code []".to_string())?;
    let mut out = decode(code)?;
    if let Some(range) = parts.next() {
        let bad = || format!("bad date range {range:?} (want YYMMDD-YYMMDD, >YYMMDD or <YYMMDD)");
        if let Some(d) = range.strip_prefix('>') {
            out.from = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some(d) = range.strip_prefix('<') {
            out.to = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some((a, b)) = range.split_once('-') {
            out.from = Some(parse_date(a).ok_or_else(bad)?);
            out.to = Some(parse_date(b).ok_or_else(bad)?);
        } else {
            return Err(bad());
        }
    }
    if let Some(extra) = parts.next() {
        return Err(format!("unexpected {extra:?} in code"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_country_and_sectors() {
        let c = decode("AFGGOVMIL").unwrap();
        assert_eq!(c.country.as_deref(), Some("AFG"));
        assert_eq!(c.sectors, vec!["GOV", "MIL"]);
        let c = decode("KSVREB").unwrap();
        assert_eq!(c.country.as_deref(), Some("XKX"));
        let c = decode("~GOVMIL").unwrap();
        assert_eq!(c.country, None);
        assert_eq!(c.sectors, vec!["GOV", "MIL"]);
        let c = decode("~MUSREB").unwrap();
        assert_eq!(c.sectors, vec!["MUS", "REB"]);
    }

    #[test]
    fn decodes_igos() {
        let c = decode("IGOUNOHLHWHO").unwrap();
        assert_eq!(c.igo.as_deref(), Some("WHO"));
        assert_eq!(c.sectors, vec!["IGO", "HLH"]);
        assert_eq!(c.country, None);
        assert_eq!(decode("IGOWSTNAT").unwrap().igo.as_deref(), Some("NATO"));
        assert_eq!(decode("IGOEUREEC").unwrap().igo.as_deref(), Some("EU"));
        assert_eq!(decode("IGOCAFCEM").unwrap().igo, None);
        let n = decode("NGOUSAEDU").unwrap();
        assert_eq!(n.country.as_deref(), Some("USA"));
        assert_eq!(n.sectors, vec!["NGO", "EDU"]);
        let m = decode("MNCCHNMED").unwrap();
        assert_eq!(m.country.as_deref(), Some("CHN"));
        assert_eq!(m.sectors, vec!["BUS", "MED"]);
        assert!(decode("CHNGO").is_err());
    }

    #[test]
    fn parses_dates_and_ranges() {
        assert_eq!(parse_date("780427"), NaiveDate::from_ymd_opt(1978, 4, 27));
        assert_eq!(parse_date("070723"), NaiveDate::from_ymd_opt(2007, 7, 23));
        assert_eq!(parse_date("19270101"), NaiveDate::from_ymd_opt(1927, 1, 1));
        assert_eq!(parse_date("2004017"), None);
        let g = parse_group("CHNGOV >20121115").unwrap();
        assert_eq!(g.from, NaiveDate::from_ymd_opt(2012, 11, 15));
        assert_eq!(g.to, None);
        let g = parse_group("USAGOV <090120").unwrap();
        assert_eq!(g.to, NaiveDate::from_ymd_opt(2009, 1, 20));
        let g = parse_group("AFGGOV 780427-780430").unwrap();
        assert_eq!(g.from, NaiveDate::from_ymd_opt(1978, 4, 27));
        assert_eq!(g.to, NaiveDate::from_ymd_opt(1978, 4, 30));
        assert!(parse_group("AFGGOV 7804-780430").is_err());
        assert!(parse_group("").is_err());
        assert_eq!(parse_group("---").unwrap().sectors.len(), 0);
    }
}
