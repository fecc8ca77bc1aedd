package dev.marquee.gateway.accounts;

import dev.marquee.gateway.catalog.CatalogHolder;
import jakarta.inject.Singleton;

/** The cities of the catalogue as it is now. */
@Singleton
class CatalogCities implements Cities {
    private final CatalogHolder catalog;

    CatalogCities(CatalogHolder catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean exists(String cityId) {
        return catalog.current().city(cityId).isPresent();
    }
}
