// The 193 Member States of the United Nations with ISO 3166-1 codes (alpha-3, alpha-2, numeric)
// and the regional group each belongs to for electoral purposes. Names follow the UN short forms.
// Notes: the United States and Türkiye are counted with the Western European and others group
// (the United States attends as an observer and is considered a member for electoral purposes);
// Kiribati is counted with the Asia-Pacific group.
// Sources: UN Member States list (un.org); ISO 3166-1; UN Department for General Assembly and
// Conference Management, "United Nations Regional Groups of Member States". Facts, not copied text.
import type { RegionalGroup } from '../schema.js';

const AF: RegionalGroup = 'african';
const AP: RegionalGroup = 'asia-pacific';
const EE: RegionalGroup = 'eastern-european';
const LA: RegionalGroup = 'latin-american-caribbean';
const WE: RegionalGroup = 'western-european-others';

// alpha-3 | alpha-2 | numeric | name
const AFRICAN = `
DZA|DZ|012|Algeria
AGO|AO|024|Angola
BEN|BJ|204|Benin
BWA|BW|072|Botswana
BFA|BF|854|Burkina Faso
BDI|BI|108|Burundi
CPV|CV|132|Cabo Verde
CMR|CM|120|Cameroon
CAF|CF|140|Central African Republic
TCD|TD|148|Chad
COM|KM|174|Comoros
COG|CG|178|Congo
CIV|CI|384|Côte d'Ivoire
COD|CD|180|Democratic Republic of the Congo
DJI|DJ|262|Djibouti
EGY|EG|818|Egypt
GNQ|GQ|226|Equatorial Guinea
ERI|ER|232|Eritrea
SWZ|SZ|748|Eswatini
ETH|ET|231|Ethiopia
GAB|GA|266|Gabon
GMB|GM|270|Gambia
GHA|GH|288|Ghana
GIN|GN|324|Guinea
GNB|GW|624|Guinea-Bissau
KEN|KE|404|Kenya
LSO|LS|426|Lesotho
LBR|LR|430|Liberia
LBY|LY|434|Libya
MDG|MG|450|Madagascar
MWI|MW|454|Malawi
MLI|ML|466|Mali
MRT|MR|478|Mauritania
MUS|MU|480|Mauritius
MAR|MA|504|Morocco
MOZ|MZ|508|Mozambique
NAM|NA|516|Namibia
NER|NE|562|Niger
NGA|NG|566|Nigeria
RWA|RW|646|Rwanda
STP|ST|678|Sao Tome and Principe
SEN|SN|686|Senegal
SYC|SC|690|Seychelles
SLE|SL|694|Sierra Leone
SOM|SO|706|Somalia
ZAF|ZA|710|South Africa
SSD|SS|728|South Sudan
SDN|SD|729|Sudan
TGO|TG|768|Togo
TUN|TN|788|Tunisia
UGA|UG|800|Uganda
TZA|TZ|834|United Republic of Tanzania
ZMB|ZM|894|Zambia
ZWE|ZW|716|Zimbabwe`;

const ASIA_PACIFIC = `
AFG|AF|004|Afghanistan
BHR|BH|048|Bahrain
BGD|BD|050|Bangladesh
BTN|BT|064|Bhutan
BRN|BN|096|Brunei Darussalam
KHM|KH|116|Cambodia
CHN|CN|156|China
CYP|CY|196|Cyprus
PRK|KP|408|Democratic People's Republic of Korea
FJI|FJ|242|Fiji
IND|IN|356|India
IDN|ID|360|Indonesia
IRN|IR|364|Iran (Islamic Republic of)
IRQ|IQ|368|Iraq
JPN|JP|392|Japan
JOR|JO|400|Jordan
KAZ|KZ|398|Kazakhstan
KIR|KI|296|Kiribati
KWT|KW|414|Kuwait
KGZ|KG|417|Kyrgyzstan
LAO|LA|418|Lao People's Democratic Republic
LBN|LB|422|Lebanon
MYS|MY|458|Malaysia
MDV|MV|462|Maldives
MHL|MH|584|Marshall Islands
FSM|FM|583|Micronesia (Federated States of)
MNG|MN|496|Mongolia
MMR|MM|104|Myanmar
NRU|NR|520|Nauru
NPL|NP|524|Nepal
OMN|OM|512|Oman
PAK|PK|586|Pakistan
PLW|PW|585|Palau
PNG|PG|598|Papua New Guinea
PHL|PH|608|Philippines
QAT|QA|634|Qatar
KOR|KR|410|Republic of Korea
WSM|WS|882|Samoa
SAU|SA|682|Saudi Arabia
SGP|SG|702|Singapore
SLB|SB|090|Solomon Islands
LKA|LK|144|Sri Lanka
SYR|SY|760|Syrian Arab Republic
TJK|TJ|762|Tajikistan
THA|TH|764|Thailand
TLS|TL|626|Timor-Leste
TON|TO|776|Tonga
TKM|TM|795|Turkmenistan
TUV|TV|798|Tuvalu
ARE|AE|784|United Arab Emirates
UZB|UZ|860|Uzbekistan
VUT|VU|548|Vanuatu
VNM|VN|704|Viet Nam
YEM|YE|887|Yemen`;

const EASTERN_EUROPEAN = `
ALB|AL|008|Albania
ARM|AM|051|Armenia
AZE|AZ|031|Azerbaijan
BLR|BY|112|Belarus
BIH|BA|070|Bosnia and Herzegovina
BGR|BG|100|Bulgaria
HRV|HR|191|Croatia
CZE|CZ|203|Czechia
EST|EE|233|Estonia
GEO|GE|268|Georgia
HUN|HU|348|Hungary
LVA|LV|428|Latvia
LTU|LT|440|Lithuania
MNE|ME|499|Montenegro
MKD|MK|807|North Macedonia
POL|PL|616|Poland
MDA|MD|498|Republic of Moldova
ROU|RO|642|Romania
RUS|RU|643|Russian Federation
SRB|RS|688|Serbia
SVK|SK|703|Slovakia
SVN|SI|705|Slovenia
UKR|UA|804|Ukraine`;

const LATIN_AMERICAN_CARIBBEAN = `
ATG|AG|028|Antigua and Barbuda
ARG|AR|032|Argentina
BHS|BS|044|Bahamas
BRB|BB|052|Barbados
BLZ|BZ|084|Belize
BOL|BO|068|Bolivia (Plurinational State of)
BRA|BR|076|Brazil
CHL|CL|152|Chile
COL|CO|170|Colombia
CRI|CR|188|Costa Rica
CUB|CU|192|Cuba
DMA|DM|212|Dominica
DOM|DO|214|Dominican Republic
ECU|EC|218|Ecuador
SLV|SV|222|El Salvador
GRD|GD|308|Grenada
GTM|GT|320|Guatemala
GUY|GY|328|Guyana
HTI|HT|332|Haiti
HND|HN|340|Honduras
JAM|JM|388|Jamaica
MEX|MX|484|Mexico
NIC|NI|558|Nicaragua
PAN|PA|591|Panama
PRY|PY|600|Paraguay
PER|PE|604|Peru
KNA|KN|659|Saint Kitts and Nevis
LCA|LC|662|Saint Lucia
VCT|VC|670|Saint Vincent and the Grenadines
SUR|SR|740|Suriname
TTO|TT|780|Trinidad and Tobago
URY|UY|858|Uruguay
VEN|VE|862|Venezuela (Bolivarian Republic of)`;

const WESTERN_EUROPEAN_OTHERS = `
AND|AD|020|Andorra
AUS|AU|036|Australia
AUT|AT|040|Austria
BEL|BE|056|Belgium
CAN|CA|124|Canada
DNK|DK|208|Denmark
FIN|FI|246|Finland
FRA|FR|250|France
DEU|DE|276|Germany
GRC|GR|300|Greece
ISL|IS|352|Iceland
IRL|IE|372|Ireland
ISR|IL|376|Israel
ITA|IT|380|Italy
LIE|LI|438|Liechtenstein
LUX|LU|442|Luxembourg
MLT|MT|470|Malta
MCO|MC|492|Monaco
NLD|NL|528|Netherlands (Kingdom of the)
NZL|NZ|554|New Zealand
NOR|NO|578|Norway
PRT|PT|620|Portugal
SMR|SM|674|San Marino
ESP|ES|724|Spain
SWE|SE|752|Sweden
CHE|CH|756|Switzerland
TUR|TR|792|Türkiye
GBR|GB|826|United Kingdom of Great Britain and Northern Ireland
USA|US|840|United States of America`;

export interface MemberStateRecord {
  id: string;
  iso2: string;
  isoNumeric: string;
  name: string;
  regionalGroup: RegionalGroup;
}

function parse(block: string, group: RegionalGroup): MemberStateRecord[] {
  return block
    .trim()
    .split('\n')
    .map((line) => {
      const [id, iso2, isoNumeric, name] = line.split('|') as [string, string, string, string];
      return { id, iso2, isoNumeric, name, regionalGroup: group };
    });
}

export const MEMBER_STATES: MemberStateRecord[] = [
  ...parse(AFRICAN, AF),
  ...parse(ASIA_PACIFIC, AP),
  ...parse(EASTERN_EUROPEAN, EE),
  ...parse(LATIN_AMERICAN_CARIBBEAN, LA),
  ...parse(WESTERN_EUROPEAN_OTHERS, WE),
].sort((a, b) => a.id.localeCompare(b.id));
