package dev.marquee.sandbox.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The real-world material catalogues are drawn from: European cities, street names, films.
 *
 * <p>Lists are ordered by how likely a chain is to pick an entry (big cities and popular films first),
 * so chains generated from different seeds share most of their cities and films.
 */
final class ReferenceData {
    private ReferenceData() {
    }

    record CityInfo(String name, String countryCode, String timeZone, double latitude, double longitude, String language) {
    }

    record Film(String title, int year, LocalDate releaseDate, int runtimeMinutes, String rating, List<String> genres,
            String language, boolean offered3d, String synopsis) {
    }

    static final List<String> CHAIN_NAMES = List.of(
            "Aurora Cinemas", "Lumen Pictures", "Starlight Screens", "Paragon Picturehouse", "Silver Reel Cinemas",
            "Northern Lights Kino", "Majestic Screens", "Bluebird Cinemas", "Regent Film Theatres", "Cinematica",
            "Orbit Movie Palaces", "Velvet Seat Cinemas");

    static final List<String> CHAIN_PREFIXES = List.of(
            "Aurora", "Lumen", "Starlight", "Paragon", "Silver", "Bluebird", "Regent", "Orbit", "Velvet", "Harbour",
            "Empire", "Corona", "Prism", "Meridian", "Solstice", "Lantern");

    static final List<String> CHAIN_SUFFIXES = List.of("Cinemas", "Pictures", "Screens", "Picturehouse", "Kino", "Film Theatres");

    static final List<CityInfo> CITIES = List.of(
            new CityInfo("London", "GB", "Europe/London", 51.5074, -0.1278, "en"),
            new CityInfo("Paris", "FR", "Europe/Paris", 48.8566, 2.3522, "fr"),
            new CityInfo("Berlin", "DE", "Europe/Berlin", 52.5200, 13.4050, "de"),
            new CityInfo("Madrid", "ES", "Europe/Madrid", 40.4168, -3.7038, "es"),
            new CityInfo("Rome", "IT", "Europe/Rome", 41.9028, 12.4964, "it"),
            new CityInfo("Amsterdam", "NL", "Europe/Amsterdam", 52.3676, 4.9041, "nl"),
            new CityInfo("Vienna", "AT", "Europe/Vienna", 48.2082, 16.3738, "de"),
            new CityInfo("Barcelona", "ES", "Europe/Madrid", 41.3874, 2.1686, "es"),
            new CityInfo("Munich", "DE", "Europe/Berlin", 48.1351, 11.5820, "de"),
            new CityInfo("Milan", "IT", "Europe/Rome", 45.4642, 9.1900, "it"),
            new CityInfo("Prague", "CZ", "Europe/Prague", 50.0755, 14.4378, "cs"),
            new CityInfo("Brussels", "BE", "Europe/Brussels", 50.8503, 4.3517, "fr"),
            new CityInfo("Lisbon", "PT", "Europe/Lisbon", 38.7223, -9.1393, "pt"),
            new CityInfo("Dublin", "IE", "Europe/Dublin", 53.3498, -6.2603, "en"),
            new CityInfo("Copenhagen", "DK", "Europe/Copenhagen", 55.6761, 12.5683, "da"),
            new CityInfo("Stockholm", "SE", "Europe/Stockholm", 59.3293, 18.0686, "sv"),
            new CityInfo("Hamburg", "DE", "Europe/Berlin", 53.5511, 9.9937, "de"),
            new CityInfo("Manchester", "GB", "Europe/London", 53.4808, -2.2426, "en"),
            new CityInfo("Warsaw", "PL", "Europe/Warsaw", 52.2297, 21.0122, "pl"),
            new CityInfo("Budapest", "HU", "Europe/Budapest", 47.4979, 19.0402, "hu"),
            new CityInfo("Zurich", "CH", "Europe/Zurich", 47.3769, 8.5417, "de"),
            new CityInfo("Lyon", "FR", "Europe/Paris", 45.7640, 4.8357, "fr"),
            new CityInfo("Oslo", "NO", "Europe/Oslo", 59.9139, 10.7522, "nb"),
            new CityInfo("Helsinki", "FI", "Europe/Helsinki", 60.1699, 24.9384, "fi"),
            new CityInfo("Frankfurt", "DE", "Europe/Berlin", 50.1109, 8.6821, "de"),
            new CityInfo("Cologne", "DE", "Europe/Berlin", 50.9375, 6.9603, "de"),
            new CityInfo("Rotterdam", "NL", "Europe/Amsterdam", 51.9244, 4.4777, "nl"),
            new CityInfo("Edinburgh", "GB", "Europe/London", 55.9533, -3.1883, "en"),
            new CityInfo("Valencia", "ES", "Europe/Madrid", 39.4699, -0.3763, "es"),
            new CityInfo("Naples", "IT", "Europe/Rome", 40.8518, 14.2681, "it"),
            new CityInfo("Porto", "PT", "Europe/Lisbon", 41.1579, -8.6291, "pt"),
            new CityInfo("Krakow", "PL", "Europe/Warsaw", 50.0647, 19.9450, "pl"),
            new CityInfo("Athens", "GR", "Europe/Athens", 37.9838, 23.7275, "el"),
            new CityInfo("Marseille", "FR", "Europe/Paris", 43.2965, 5.3698, "fr"),
            new CityInfo("Birmingham", "GB", "Europe/London", 52.4862, -1.8904, "en"),
            new CityInfo("Seville", "ES", "Europe/Madrid", 37.3891, -5.9845, "es"),
            new CityInfo("Turin", "IT", "Europe/Rome", 45.0703, 7.6869, "it"),
            new CityInfo("Antwerp", "BE", "Europe/Brussels", 51.2194, 4.4025, "nl"),
            new CityInfo("Gothenburg", "SE", "Europe/Stockholm", 57.7089, 11.9746, "sv"),
            new CityInfo("Bordeaux", "FR", "Europe/Paris", 44.8378, -0.5792, "fr"),
            new CityInfo("Leipzig", "DE", "Europe/Berlin", 51.3397, 12.3731, "de"),
            new CityInfo("Glasgow", "GB", "Europe/London", 55.8642, -4.2518, "en"),
            new CityInfo("Bratislava", "SK", "Europe/Bratislava", 48.1486, 17.1077, "sk"),
            new CityInfo("Ljubljana", "SI", "Europe/Ljubljana", 46.0569, 14.5058, "sl"));

    /** Street names by the city's language. */
    static final Map<String, List<String>> STREETS = Map.ofEntries(
            Map.entry("en", List.of("High Street", "Station Road", "Church Street", "Victoria Road", "Queen Street",
                    "King Street", "Market Street", "Mill Lane", "Park Road", "Castle Street", "Bridge Street", "Oxford Road")),
            Map.entry("fr", List.of("Rue de la République", "Avenue Jean Jaurès", "Rue Victor Hugo", "Boulevard Voltaire",
                    "Rue du Commerce", "Avenue de la Gare", "Rue Nationale", "Place de la Liberté", "Rue des Carmes",
                    "Quai Saint-Michel")),
            Map.entry("de", List.of("Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Marktplatz",
                    "Kaiserstraße", "Lindenallee", "Friedrichstraße", "Bergstraße", "Am Stadtpark", "Ringstraße")),
            Map.entry("es", List.of("Calle Mayor", "Gran Vía", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real",
                    "Calle del Carmen", "Plaza de España", "Calle Serrano", "Avenida del Puerto")),
            Map.entry("it", List.of("Via Roma", "Corso Vittorio Emanuele II", "Via Garibaldi", "Via Dante", "Corso Italia",
                    "Via Mazzini", "Piazza della Repubblica", "Via Nazionale", "Via Cavour")),
            Map.entry("nl", List.of("Kerkstraat", "Stationsplein", "Marktstraat", "Nieuwstraat", "Molenweg", "Dorpsstraat",
                    "Kalverstraat", "Lange Nieuwstraat", "Hoogstraat")),
            Map.entry("pt", List.of("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo",
                    "Avenida dos Aliados", "Rua Garrett", "Rua da Prata")),
            Map.entry("pl", List.of("ulica Marszałkowska", "ulica Floriańska", "aleja Jana Pawła II", "ulica Piotrkowska",
                    "ulica Długa", "ulica Nowy Świat", "ulica Grodzka")),
            Map.entry("cs", List.of("Národní", "Vodičkova", "Na Příkopě", "Karlova", "Revoluční", "Jindřišská")),
            Map.entry("sk", List.of("Obchodná", "Štúrova", "Špitálska", "Laurinská", "Námestie SNP")),
            Map.entry("sl", List.of("Slovenska cesta", "Čopova ulica", "Trubarjeva cesta", "Wolfova ulica")),
            Map.entry("hu", List.of("Andrássy út", "Váci utca", "Rákóczi út", "Király utca", "Bajcsy-Zsilinszky út")),
            Map.entry("da", List.of("Vesterbrogade", "Nørrebrogade", "Østergade", "Gothersgade", "Amagerbrogade")),
            Map.entry("sv", List.of("Drottninggatan", "Kungsgatan", "Storgatan", "Sveavägen", "Götgatan")),
            Map.entry("nb", List.of("Karl Johans gate", "Storgata", "Bogstadveien", "Thorvald Meyers gate")),
            Map.entry("fi", List.of("Mannerheimintie", "Aleksanterinkatu", "Hämeentie", "Fredrikinkatu")),
            Map.entry("el", List.of("Ermou", "Stadiou", "Panepistimiou", "Akadimias", "Patission")));

    /** Languages that put the house number before the street. */
    static final List<String> NUMBER_FIRST = List.of("en", "fr");

    static final List<String> CINEMA_QUARTERS = List.of(
            "Central", "Riverside", "Old Town", "Station", "Park", "Harbour", "Northgate", "West End", "Gallery",
            "Plaza", "Arcade", "Palace", "Castle Quarter", "Southbank", "Market Hall");

    static final List<Film> FILMS = List.of(
            film("Interstellar", 2014, "2014-11-07", 169, "12A", List.of("Science Fiction", "Drama", "Adventure"), "en", true,
                    "With Earth's crops failing, a former test pilot joins a last expedition through a wormhole near Saturn. "
                            + "Every hour on the far side costs years at home, where his daughter grows up waiting for an answer."),
            film("Dune: Part Two", 2024, "2024-03-01", 166, "12A", List.of("Science Fiction", "Adventure"), "en", true,
                    "Paul Atreides lives among the Fremen of the desert planet and learns their ways while the empire closes in. "
                            + "Visions of a holy war he could start push him towards a choice between love and prophecy."),
            film("Oppenheimer", 2023, "2023-07-21", 180, "15", List.of("Drama", "History"), "en", false,
                    "A physicist leads a secret wartime project in the New Mexico desert to build a weapon before anyone else does. "
                            + "Years later a closed-door hearing turns his achievement and his loyalties against him."),
            film("Inception", 2010, "2010-07-16", 148, "12A", List.of("Science Fiction", "Action", "Thriller"), "en", false,
                    "A thief who steals secrets from inside dreams is offered one job in exchange for going home: planting an idea. "
                            + "The deeper his crew descends through nested dreams, the harder it becomes to tell which level is real."),
            film("Barbie", 2023, "2023-07-21", 114, "12A", List.of("Comedy", "Fantasy"), "en", false,
                    "Life in a pastel paradise starts to crack when its most popular resident suddenly thinks about death. "
                            + "A trip to the real world to fix it teaches her more than she expected about being human."),
            film("Top Gun: Maverick", 2022, "2022-05-27", 131, "12A", List.of("Action", "Drama"), "en", true,
                    "A veteran navy pilot is called back to train a team of young aviators for a near-impossible strike mission. "
                            + "Among them is the son of his late wingman, who has not forgiven him."),
            film("Inside Out 2", 2024, "2024-06-14", 96, "U", List.of("Animation", "Family", "Comedy"), "en", true,
                    "Riley turns thirteen and a crew of new emotions moves into headquarters, led by a relentlessly busy Anxiety. "
                            + "Joy and the original team must find their way back before Riley's sense of self is rewritten."),
            film("Blade Runner 2049", 2017, "2017-10-06", 164, "15", List.of("Science Fiction", "Thriller"), "en", true,
                    "A replicant police officer in a rain-soaked future California uncovers a buried secret that could start a war. "
                            + "His search leads him to a blade runner who vanished thirty years before."),
            film("The Dark Knight", 2008, "2008-07-18", 152, "12A", List.of("Action", "Crime", "Drama"), "en", false,
                    "Gotham's masked vigilante, a determined police lieutenant and a new district attorney set out to dismantle organised crime. "
                            + "Their alliance is tested when a grinning anarchist decides to show the city what it is really made of."),
            film("Spirited Away", 2001, "2002-07-20", 125, "PG", List.of("Animation", "Fantasy", "Family"), "ja", false,
                    "On the way to a new home, ten-year-old Chihiro wanders into a world of spirits where her parents are turned into pigs. "
                            + "To save them she takes a job at a bathhouse run by a formidable witch."),
            film("Parasite", 2019, "2019-05-30", 132, "15", List.of("Thriller", "Drama", "Comedy"), "ko", false,
                    "A family living in a cramped basement flat talks its way, one member at a time, into the household of a wealthy family. "
                            + "The arrangement works perfectly until a stormy night reveals what the big house has been hiding."),
            film("La La Land", 2016, "2016-12-09", 128, "12A", List.of("Musical", "Romance", "Drama"), "en", false,
                    "An aspiring actress and a stubborn jazz pianist fall in love while chasing their ambitions in Los Angeles. "
                            + "As their careers take off, they discover that dreams and each other may not fit in the same life."),
            film("Mad Max: Fury Road", 2015, "2015-05-15", 120, "15", List.of("Action", "Adventure", "Science Fiction"), "en", true,
                    "In a desert wasteland ruled by a warlord who hoards water, a road warrior is caught up in an escape across the sands. "
                            + "A battle-hardened driver is smuggling the warlord's wives to freedom, and his whole army follows."),
            film("Arrival", 2016, "2016-11-11", 116, "12A", List.of("Science Fiction", "Drama", "Mystery"), "en", false,
                    "When twelve alien craft settle above the Earth, a linguist is asked to find out why they came. "
                            + "Learning their language changes the way she experiences time and the choices ahead of her."),
            film("The Grand Budapest Hotel", 2014, "2014-03-07", 100, "15", List.of("Comedy", "Adventure", "Crime"), "en", false,
                    "The legendary concierge of a mountain hotel is framed for murder after inheriting a priceless painting. "
                            + "With his loyal lobby boy he flees across a continent sliding into war."),
            film("Paddington 2", 2017, "2017-11-10", 103, "PG", List.of("Family", "Comedy", "Adventure"), "en", false,
                    "A polite bear takes odd jobs to buy his aunt a rare pop-up book for her hundredth birthday. "
                            + "When the book is stolen and he is wrongly sent to prison, the Brown family sets out to clear his name."),
            film("Everything Everywhere All at Once", 2022, "2022-03-25", 139, "15", List.of("Science Fiction", "Comedy", "Action"), "en", false,
                    "An exhausted laundromat owner in the middle of a tax audit learns that she is the key to saving the multiverse. "
                            + "To do it she must borrow the skills of every other life she might have lived."),
            film("Coco", 2017, "2017-11-22", 105, "PG", List.of("Animation", "Family", "Musical"), "en", true,
                    "A boy who dreams of becoming a musician, against his family's wishes, stumbles into the Land of the Dead. "
                            + "With the help of a charming trickster he searches for his great-great-grandfather before sunrise."),
            film("Past Lives", 2023, "2023-06-02", 106, "12A", List.of("Romance", "Drama"), "en", false,
                    "Two childhood friends are separated when one family emigrates from Seoul. "
                            + "Twenty years later they meet in New York for one week and wonder about the lives they did not live."),
            film("Anatomy of a Fall", 2023, "2023-08-23", 151, "15", List.of("Drama", "Crime", "Thriller"), "fr", false,
                    "A writer's husband is found dead in the snow outside their remote chalet, and she is charged with his murder. "
                            + "The trial picks apart their marriage while their partially sighted son is the only witness."),
            film("Poor Things", 2023, "2024-01-12", 141, "18", List.of("Comedy", "Fantasy", "Romance"), "en", false,
                    "Brought back to life by an eccentric surgeon, a young woman sets out to see the world with no regard for its rules. "
                            + "Her voyage across Europe becomes a rapid education in pleasure, philosophy and independence."),
            film("The Zone of Interest", 2023, "2024-02-02", 105, "12A", List.of("Drama", "History"), "de", false,
                    "A commandant and his wife build an idyllic family life in a house with a garden beside a camp wall. "
                            + "What happens on the other side is never shown, only heard."),
            film("Wicked", 2024, "2024-11-22", 160, "PG", List.of("Musical", "Fantasy"), "en", false,
                    "Long before Dorothy arrives, a green-skinned outsider and a popular golden girl meet as roommates at a university in Oz. "
                            + "Their unlikely friendship is tested when the Wizard's true nature comes to light."),
            film("Gladiator II", 2024, "2024-11-15", 148, "15", List.of("Action", "Drama", "History"), "en", true,
                    "Years after the death of a hero, a young man is enslaved when Roman legions conquer his home. "
                            + "Forced to fight in the Colosseum, he finds his past tied to the empire's future."),
            film("The Wild Robot", 2024, "2024-10-18", 102, "U", List.of("Animation", "Family", "Adventure"), "en", true,
                    "A service robot washes up on an uninhabited island and has to learn how to survive among the animals. "
                            + "When it adopts an orphaned gosling, it starts to become more than it was built to be."),
            film("Amélie", 2001, "2001-04-25", 122, "15", List.of("Comedy", "Romance"), "fr", false,
                    "A shy waitress in Montmartre decides to quietly change the lives of the people around her for the better. "
                            + "Helping everyone else is easy; taking a risk on her own happiness is not."),
            film("Get Out", 2017, "2017-02-24", 104, "15", List.of("Horror", "Mystery", "Thriller"), "en", false,
                    "A young photographer visits his girlfriend's parents for a weekend at their country estate. "
                            + "Their welcome is a little too warm, and the other guests are hiding something."),
            film("Knives Out", 2019, "2019-11-27", 130, "12A", List.of("Comedy", "Crime", "Mystery"), "en", false,
                    "When a wealthy crime novelist dies the night after his birthday party, every member of his family has a motive. "
                            + "A gentleman detective hired by an unknown client starts pulling at the threads."),
            film("Whiplash", 2014, "2014-10-10", 107, "15", List.of("Drama", "Music"), "en", false,
                    "A first-year drummer at an elite music school is recruited into the band of a feared conductor. "
                            + "The teacher's brutal methods push him towards greatness and to the edge of breaking."),
            film("Up", 2009, "2009-05-29", 96, "U", List.of("Animation", "Family", "Adventure"), "en", true,
                    "A widowed balloon seller ties thousands of balloons to his house and sets off for South America. "
                            + "He discovers too late that an eager young scout has stowed away on the porch."),
            film("Howl's Moving Castle", 2004, "2004-11-20", 119, "PG", List.of("Animation", "Fantasy", "Romance"), "ja", false,
                    "A young hatmaker is cursed with old age by a jealous witch and seeks refuge in a wandering castle. "
                            + "Its owner, a vain and secretive wizard, is trying to stay out of a war that wants him."),
            film("Little Women", 2019, "2019-12-25", 135, "U", List.of("Drama", "Romance"), "en", false,
                    "Four sisters come of age in Massachusetts after the Civil War, each with her own idea of a good life. "
                            + "Jo, the writer among them, looks back on the years that shaped them all."),
            film("The Martian", 2015, "2015-10-02", 144, "12A", List.of("Science Fiction", "Adventure", "Drama"), "en", true,
                    "Left behind on Mars after a storm forces his crew to flee, a botanist has to make food, water and air last for years. "
                            + "Back on Earth, engineers race to find a way to bring him home."),
            film("Sing Street", 2016, "2016-03-17", 106, "12A", List.of("Musical", "Comedy", "Drama"), "en", false,
                    "In 1980s Dublin a teenager starts a band to impress a girl who lives across from his new school. "
                            + "The songs get better as his family falls apart around him."));

    private static Film film(String title, int year, String released, int runtime, String rating, List<String> genres,
            String language, boolean offered3d, String synopsis) {
        return new Film(title, year, LocalDate.parse(released), runtime, rating, genres, language, offered3d, synopsis);
    }
}
