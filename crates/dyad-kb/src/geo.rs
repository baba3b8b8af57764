//! Countries and cities (GeoNames): names → ISO3, capitals, coordinates,
//! admin1 codes and geonameids, indexed for case-insensitive name lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;

use crate::KbError;

pub(crate) static COUNTRIES_JSON: &[u8] = include_bytes!("../../../data/kb/geo/countries.json");
static CITIES_TSV_GZ: &[u8] = include_bytes!("../../../data/kb/geo/cities15000.tsv.gz");

#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub capital: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    /// Population (GeoNames), 0 where unknown.
    pub population: u64,
    /// Continent code ("EU", "AS", …).
    pub continent: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct City {
    pub geonameid: u64,
    pub name: String,
    /// ISO3 of the country.
    pub country: String,
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    /// Cities, most populous first.
    pub cities: Vec<City>,
    by_iso3: HashMap<String, usize>,
    by_iso2: HashMap<String, usize>,
    by_country_name: HashMap<String, usize>,
    /// The city table's alternate-name column, all cities concatenated;
    /// `alt_ranges[i]` is city `i`'s comma-separated slice of it.
    alt_text: String,
    alt_ranges: Vec<(u32, u32)>,
    /// Hash of a lowercase name → (first, last) link of its chain in `links`.
    name_heads: HashMap<u64, (u32, u32), BuildHasherDefault<IdHasher>>,
    /// (city, next link) chains, most populous city first.
    links: Vec<(u32, u32)>,
}

/// Hasher for keys that are already hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Case-insensitive 64-bit hash of a name (FNV-1a over lowercase chars).
fn name_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in s.chars().flat_map(char::to_lowercase) {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Case-insensitive equality without allocating.
fn eq_ci(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

const NONE: u32 = u32::MAX;

#[derive(serde::Deserialize)]
struct JsonCountry {
    geonameid: Option<u64>,
    name: String,
    iso: String,
    iso3: String,
    #[serde(default)]
    capital: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    continentcode: String,
}

/// Parses GeoNames `countries.json` (an object keyed by ISO2).
pub fn parse_countries_json(bytes: &[u8], file: &str) -> Result<Vec<Country>, KbError> {
    let map: HashMap<String, JsonCountry> =
        serde_json::from_slice(bytes).map_err(|e| KbError::Parse {
            file: file.to_string(),
            line: e.line(),
            msg: e.to_string(),
        })?;
    let mut out: Vec<Country> = map
        .into_values()
        .map(|c| Country {
            iso3: c.iso3,
            iso2: c.iso,
            name: c.name,
            capital: (!c.capital.is_empty()).then_some(c.capital),
            lat: None,
            lon: None,
            geonameid: c.geonameid,
            population: c.population.unwrap_or(0),
            continent: c.continentcode,
        })
        .collect();
    out.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    Ok(out)
}

impl Gazetteer {
    pub fn load_embedded() -> Result<Self, KbError> {
        let countries = parse_countries_json(COUNTRIES_JSON, "data/kb/geo/countries.json")?;
        let mut tsv = String::new();
        flate2::read::GzDecoder::new(CITIES_TSV_GZ)
            .read_to_string(&mut tsv)
            .map_err(|e| KbError::Io {
                file: "data/kb/geo/cities15000.tsv.gz".into(),
                source: e,
            })?;
        Self::from_parts(countries, &tsv, "data/kb/geo/cities15000.tsv.gz")
    }

    /// Builds a gazetteer from countries and a GeoNames city table with the
    /// columns `geonameid name country_code admin1_code latitude longitude
    /// population timezone ascii_alternate_names` (first line a header).
    pub fn from_parts(
        countries: Vec<Country>,
        cities_tsv: &str,
        file: &str,
    ) -> Result<Self, KbError> {
        let mut g = Gazetteer {
            countries,
            ..Default::default()
        };
        for (i, c) in g.countries.iter().enumerate() {
            g.by_iso3.insert(c.iso3.clone(), i);
            g.by_iso2.insert(c.iso2.clone(), i);
            g.by_country_name.insert(c.name.to_lowercase(), i);
        }
        let mut alts: Vec<(u32, u32)> = Vec::new();
        let mut alt_text = String::new();
        for (i, line) in cities_tsv.lines().enumerate().skip(1) {
            if line.is_empty() {
                continue;
            }
            let err = |msg: &str| KbError::Parse {
                file: file.to_string(),
                line: i + 1,
                msg: msg.to_string(),
            };
            let mut f = line.split('\t');
            let mut next = |what: &str| f.next().ok_or_else(|| err(what));
            let id = next("missing geonameid")?;
            let name = next("missing name")?;
            let cc = next("missing country code")?;
            let admin1 = next("missing admin1 code")?;
            let lat = next("missing latitude")?;
            let lon = next("missing longitude")?;
            let pop = next("missing population")?;
            let _tz = f.next();
            let alt = f.next().unwrap_or("");
            let num = |s: &str, what: &str| s.parse::<f64>().map_err(|_| err(what));
            let country = match g.by_iso2.get(cc) {
                Some(&ci) => g.countries[ci].iso3.clone(),
                None => cc.to_string(),
            };
            g.cities.push(City {
                geonameid: id.parse().map_err(|_| err("bad geonameid"))?,
                name: name.to_string(),
                country,
                admin1: admin1.to_string(),
                lat: num(lat, "bad latitude")?,
                lon: num(lon, "bad longitude")?,
                population: pop.parse().unwrap_or(0),
            });
            let start = alt_text.len() as u32;
            alt_text.push_str(alt);
            alts.push((start, alt_text.len() as u32));
        }
        // Most populous first; keep each city's alternate names with it.
        let mut order: Vec<usize> = (0..g.cities.len()).collect();
        order.sort_by(|&a, &b| g.cities[b].population.cmp(&g.cities[a].population));
        let mut taken: Vec<Option<City>> = std::mem::take(&mut g.cities)
            .into_iter()
            .map(Some)
            .collect();
        g.cities = order
            .iter()
            .map(|&old| taken[old].take().expect("each city moved once"))
            .collect();
        g.alt_ranges = order.iter().map(|&old| alts[old]).collect();
        g.alt_text = alt_text;
        g.name_heads.reserve(g.alt_ranges.len() * 6);
        g.links.reserve(g.alt_ranges.len() * 6);
        for ci in 0..g.cities.len() {
            let (a, b) = g.alt_ranges[ci];
            let alt = &g.alt_text[a as usize..b as usize];
            let names = std::iter::once(g.cities[ci].name.as_str()).chain(alt.split(','));
            for n in names {
                let n = n.trim();
                if n.is_empty() {
                    continue;
                }
                let h = name_hash(n);
                let link = g.links.len() as u32;
                match g.name_heads.get_mut(&h) {
                    Some((_, last)) => {
                        if g.links[*last as usize].0 == ci as u32 {
                            continue;
                        }
                        g.links[*last as usize].1 = link;
                        *last = link;
                    }
                    None => {
                        g.name_heads.insert(h, (link, link));
                    }
                }
                g.links.push((ci as u32, NONE));
            }
        }
        // Capitals give countries their coordinates.
        for ci in 0..g.countries.len() {
            if let Some(cap) = g.countries[ci].capital.clone() {
                let iso3 = g.countries[ci].iso3.clone();
                if let Some(c) = g.cities_named(&cap).into_iter().find(|c| c.country == iso3) {
                    let (lat, lon) = (c.lat, c.lon);
                    g.countries[ci].lat = Some(lat);
                    g.countries[ci].lon = Some(lon);
                }
            }
        }
        Ok(g)
    }

    /// The country with this ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i])
    }

    /// The country with this ISO2 code.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2).map(|&i| &self.countries[i])
    }

    /// ISO2 → ISO3 ("FR" → "FRA").
    pub fn iso2_to_iso3(&self, iso2: &str) -> Option<&str> {
        self.country_by_iso2(iso2).map(|c| c.iso3.as_str())
    }

    /// The country whose GeoNames name is `name` (case-insensitive).
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        let key = name.trim().to_lowercase();
        self.by_country_name.get(&key).map(|&i| &self.countries[i])
    }

    /// Cities whose name or alternate name equals `name` (case-insensitive),
    /// most populous first.
    pub fn cities_named(&self, name: &str) -> Vec<&City> {
        let name = name.trim();
        let mut out = Vec::new();
        let Some(&(first, _)) = self.name_heads.get(&name_hash(name)) else {
            return out;
        };
        let mut link = first;
        while link != NONE {
            let (ci, next) = self.links[link as usize];
            let city = &self.cities[ci as usize];
            // Verify: the hash could collide.
            let (a, b) = self.alt_ranges[ci as usize];
            let alts = &self.alt_text[a as usize..b as usize];
            if eq_ci(&city.name, name) || alts.split(',').any(|n| eq_ci(n.trim(), name)) {
                out.push(city);
            }
            link = next;
        }
        out
    }

    /// The most populous city whose main name (not an alternate) equals
    /// `name` case-insensitively and that has at least `min_population`.
    pub fn main_city_named(&self, name: &str, min_population: u64) -> Option<&City> {
        self.cities_named(name)
            .into_iter()
            .find(|c| c.population >= min_population && c.name.eq_ignore_ascii_case(name.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn gaz() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::load_embedded().unwrap())
    }

    #[test]
    fn countries_by_code_and_name() {
        let g = gaz();
        assert!(g.countries.len() > 240);
        let fr = g.country("FRA").unwrap();
        assert_eq!(fr.iso2, "FR");
        assert_eq!(fr.capital.as_deref(), Some("Paris"));
        assert!(fr.lat.is_some());
        assert_eq!(g.iso2_to_iso3("KE"), Some("KEN"));
        assert_eq!(g.country_by_name("south korea").unwrap().iso3, "KOR");
        assert!(g.country("ZZZ").is_none());
    }

    #[test]
    fn cities_by_name_most_populous_first() {
        let g = gaz();
        assert!(g.cities.len() > 30_000);
        let nairobi = g.cities_named("NAIROBI");
        assert_eq!(nairobi[0].country, "KEN");
        let london = g.cities_named("london");
        assert_eq!(london[0].country, "GBR");
        assert!(london.len() > 1, "London, Ontario too");
        assert!(london
            .windows(2)
            .all(|w| w[0].population >= w[1].population));
        // Alternate names.
        assert_eq!(g.cities_named("Bombay")[0].name, "Mumbai");
        let lyon = &g.cities_named("Lyon")[0];
        assert_eq!(lyon.country, "FRA");
        assert!(!lyon.admin1.is_empty());
        assert!(lyon.geonameid > 0);
        assert!(g.cities_named("no such place xyz").is_empty());
    }

    #[test]
    fn bad_city_rows_are_errors() {
        let e = Gazetteer::from_parts(Vec::new(), "header\n1\tX\tFR\n", "t.tsv").unwrap_err();
        assert!(matches!(e, KbError::Parse { line: 2, .. }));
    }
}
