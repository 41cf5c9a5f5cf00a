package dev.junction.client.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates, compiles and runs a model with fragments on an interface and a union. */
class AbstractTypeViewsTest {
  static final String SDL =
      """
      type Query { search(text: String!): [SearchResult!]!  node(id: ID!): Node }
      interface Node { id: ID! }
      union SearchResult = Book | Author
      type Book implements Node { id: ID! title: String! author: Author! }
      type Author implements Node { id: ID! name: String! }
      """;
  static final String OPERATION =
      """
      query Search($text: String!) {
        search(text: $text) {
          ... on Book { title author { name } }
          ...AuthorBits
        }
        node(id: "1") { id ... on Book { title } }
      }
      fragment AuthorBits on Author { name }
      """;
  static final String DATA =
      """
      {"search":[{"__typename":"Book","title":"T","author":{"name":"A"}},
                 {"__typename":"Author","name":"N"}],
       "node":{"__typename":"Author","id":"1"}}
      """;

  @TempDir Path dir;

  @Test
  void fragmentsOnAbstractTypesBecomeOptionalTypedViews() throws Exception {
    GraphQLSchema schema =
        UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(SDL));
    Generator generator = new Generator(schema);
    List<CompiledOperation> operations =
        generator.compile(List.of(new OperationCompiler.Source("Search.graphql", OPERATION)));
    assertThat(operations.get(0).text())
        .contains("search(text:$text){__typename")
        .contains("node(id:\"1\"){__typename id");
    Map<String, String> sources = generator.javaSources(operations, "test.gen");

    Path classes = compileAll(sources);

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> query = loader.loadClass("test.gen.SearchQuery");
      Object builder = query.getMethod("builder").invoke(null);
      builder.getClass().getMethod("text", String.class).invoke(builder, "x");
      Object operation = builder.getClass().getMethod("build").invoke(builder);
      Object data =
          query
              .getMethod("parseData", JsonNode.class)
              .invoke(operation, new ObjectMapper().readTree(DATA));

      List<?> search = (List<?>) call(data, "search");
      Object book = search.get(0);
      Optional<?> onBook = (Optional<?>) call(book, "onBook");
      assertThat(onBook).isPresent();
      assertThat(call(onBook.get(), "title")).isEqualTo("T");
      assertThat(call(call(onBook.get(), "author"), "name")).isEqualTo("A");
      assertThat((Optional<?>) call(book, "onAuthor")).isEmpty();
      Object author = search.get(1);
      assertThat((Optional<?>) call(author, "onBook")).isEmpty();
      assertThat(call(((Optional<?>) call(author, "onAuthor")).orElseThrow(), "name"))
          .isEqualTo("N");
      Object node = call(data, "node");
      assertThat(call(node, "id")).isEqualTo("1");
      assertThat(call(node, "__typename")).isEqualTo("Author");
      assertThat((Optional<?>) call(node, "onBook")).isEmpty();
    }

    ResponseValidator validator = new ResponseValidator(schema);
    ObjectMapper json = new ObjectMapper();
    assertThat(
            validator.validate(operations.get(0).text(), json.readTree("{\"data\":" + DATA + "}")))
        .isEmpty();
    assertThat(
            validator.validate(
                operations.get(0).text(),
                json.readTree(
                    "{\"data\":{\"search\":[{\"__typename\":\"Author\",\"title\":\"T\"}],\"node\":null}}")))
        .containsExactlyInAnyOrder(
            "data.search[0].title: not selected by the operation (unknown field)",
            "data.search[0].name: selected field is missing");
  }

  private Path compileAll(Map<String, String> sources) throws Exception {
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve("src").resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classpath =
        String.join(
            File.pathSeparator,
            location(dev.junction.client.json.Json.class),
            location(JsonNode.class),
            location(com.fasterxml.jackson.core.JsonParser.class),
            location(com.fasterxml.jackson.annotation.JsonProperty.class));
    List<String> args =
        new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "--release", "17"));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();

    return classes;
  }

  @Test
  void keywordsAliasesNameClashesAndConditionalFieldsCompileAndParse() throws Exception {
    GraphQLSchema schema =
        UnExecutableSchemaGenerator.makeUnExecutableSchema(
            new SchemaParser()
                .parse(
                    """
                    type Query { book(id: ID!, version: Int): Book  data: Data }
                    type Data { data: Data  value: Int }
                    type Book { id: ID! title: String! tags: [String!] }
                    """));
    Generator generator = new Generator(schema);
    List<CompiledOperation> operations =
        generator.compile(
            List.of(
                new OperationCompiler.Source(
                    "Odd.graphql",
                    """
                    query Odd($withTags: Boolean!, $default: Int) {
                      class: book(id: "1", version: $default) { dev: title tags @include(if: $withTags) id }
                      data { data { data { value } } }
                    }
                    """)));
    Path classes = compileAll(generator.javaSources(operations, "test.odd"));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> query = loader.loadClass("test.odd.OddQuery");
      Object builder = query.getMethod("builder").invoke(null);
      builder.getClass().getMethod("withTags", boolean.class).invoke(builder, false);
      builder.getClass().getMethod("default_", Integer.class).invoke(builder, 5);
      Object operation = builder.getClass().getMethod("build").invoke(builder);
      assertThat(query.getMethod("variables").invoke(operation).toString())
          .isEqualTo("{\"withTags\":false,\"default\":5}");
      Object data =
          query
              .getMethod("parseData", JsonNode.class)
              .invoke(
                  operation,
                  new ObjectMapper()
                      .readTree(
                          "{\"class\":{\"dev\":\"T\",\"id\":\"1\"},"
                              + "\"data\":{\"data\":{\"data\":{\"value\":3}}}}"));
      Object book = call(data, "class_");
      assertThat(call(book, "dev_")).isEqualTo("T");
      assertThat(call(book, "tags")).isNull();
      assertThat(call(call(call(call(data, "data"), "data"), "data"), "value")).isEqualTo(3);
      assertThat(call(data, "data").getClass().getSimpleName()).isEqualTo("Data2");
    }
  }

  private static Object call(Object target, String accessor) throws Exception {
    Method method = target.getClass().getMethod(accessor);
    return method.invoke(target);
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
