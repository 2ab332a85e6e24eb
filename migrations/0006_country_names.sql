-- Other English names for countries, beside the ISO short name and the
-- everyday name in `countries`: the names analysts, newspapers and data
-- sets use (Turkey, Russia, Czech Republic, UK, DR Congo, Ivory Coast, ...),
-- so that `--country Turkey` finds Türkiye without a guess per command.
-- Matching ignores case and accents; a name belongs to one country only.
CREATE TABLE country_names (
    name TEXT NOT NULL PRIMARY KEY CHECK (trim(name) <> ''),
    code TEXT NOT NULL REFERENCES countries (code)
) STRICT;
CREATE INDEX country_names_code ON country_names (code);

INSERT INTO country_names (name, code) VALUES
    ('UAE', 'AE'), ('Emirates', 'AE'),
    ('Bosnia', 'BA'), ('Bosnia-Herzegovina', 'BA'),
    ('Brunei', 'BN'),
    ('The Bahamas', 'BS'),
    ('Byelorussia', 'BY'),
    ('DR Congo', 'CD'), ('DRC', 'CD'), ('Democratic Republic of the Congo', 'CD'),
    ('Congo-Kinshasa', 'CD'), ('Zaire', 'CD'),
    ('Republic of the Congo', 'CG'), ('Congo-Brazzaville', 'CG'),
    ('Ivory Coast', 'CI'), ('Cote d''Ivoire', 'CI'),
    ('PRC', 'CN'), ('People''s Republic of China', 'CN'), ('Mainland China', 'CN'),
    ('Cape Verde', 'CV'),
    ('Czech Republic', 'CZ'),
    ('Micronesia', 'FM'),
    ('UK', 'GB'), ('U.K.', 'GB'), ('Great Britain', 'GB'), ('Britain', 'GB'),
    ('The Gambia', 'GM'),
    ('Vatican', 'VA'), ('Vatican City', 'VA'),
    ('Persia', 'IR'), ('Islamic Republic of Iran', 'IR'),
    ('Kyrgyz Republic', 'KG'), ('Kirghizia', 'KG'),
    ('DPRK', 'KP'), ('Democratic People''s Republic of Korea', 'KP'),
    ('Korea', 'KR'), ('Republic of Korea', 'KR'), ('ROK', 'KR'),
    ('Laos', 'LA'), ('Lao PDR', 'LA'),
    ('Moldavia', 'MD'),
    ('Macedonia', 'MK'), ('FYROM', 'MK'),
    ('Burma', 'MM'),
    ('Holland', 'NL'), ('The Netherlands', 'NL'),
    ('Palestine', 'PS'), ('Palestinian Territories', 'PS'),
    ('Russia', 'RU'),
    ('KSA', 'SA'),
    ('Slovak Republic', 'SK'),
    ('Syria', 'SY'),
    ('Swaziland', 'SZ'),
    ('East Timor', 'TL'),
    ('Turkey', 'TR'), ('Turkiye', 'TR'), ('Republic of Türkiye', 'TR'), ('Republic of Turkey', 'TR'),
    ('Tanzania', 'TZ'),
    ('Taiwan', 'TW'), ('Chinese Taipei', 'TW'),
    ('USA', 'US'), ('U.S.', 'US'), ('U.S.A.', 'US'),
    ('United States of America', 'US'),
    ('Venezuela', 'VE'),
    ('Vietnam', 'VN'), ('Viet-Nam', 'VN'),
    ('Kosova', 'XK');

-- `show "Power of Siberia 2"` finds a project by its name in any case; on
-- GEM's tracker there are thousands to look through.
CREATE INDEX projects_name ON projects (name COLLATE NOCASE);
-- `parties --kind bank` on tens of thousands of parties.
CREATE INDEX parties_kind ON parties (kind);
