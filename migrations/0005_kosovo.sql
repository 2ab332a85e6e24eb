-- Kosovo has no ISO 3166-1 code; XK is the user-assigned code that the
-- European Commission, the IMF and Global Energy Monitor's data use. It is
-- added here, once, so that documents and imports can name it like any
-- other country instead of an import adding it on the side.
INSERT INTO countries (code, name, common_name) VALUES ('XK', 'Kosovo', NULL);
