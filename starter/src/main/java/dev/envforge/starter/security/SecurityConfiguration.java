package dev.envforge.starter.security;

import dev.envforge.workflows.settings.CodecProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Who may call what. Every API call needs a bearer token: a static API token or a JWT. Health,
 * metrics and the OpenAPI documents stay open (they carry no environment); {@code
 * /api/v1/reaper/**} needs an admin; {@code /codec/**} is for the Temporal UI's origin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      SecurityProperties properties,
      CodecProperties codec,
      AuthenticationManager bearerAuthentication,
      TokenBuckets rateLimits,
      @Qualifier("requestMappingHandlerMapping") HandlerMapping endpoints)
      throws Exception {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .cors(cors -> cors.configurationSource(codecCors(codec)))
        .oauth2ResourceServer(
            server ->
                server
                    .authenticationManagerResolver(request -> bearerAuthentication)
                    .authenticationEntryPoint(entryPoint))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(new ProblemAccessDeniedHandler()))
        .authorizeHttpRequests(
            requests -> {
              requests
                  .requestMatchers(HttpMethod.OPTIONS, "/codec/**")
                  .permitAll()
                  .requestMatchers(
                      "/actuator/health",
                      "/actuator/health/**",
                      "/actuator/info",
                      "/actuator/prometheus",
                      "/v3/api-docs",
                      "/v3/api-docs/**",
                      "/swagger-ui.html",
                      "/swagger-ui/**",
                      "/error")
                  .permitAll()
                  .requestMatchers("/api/v1/reaper", "/api/v1/reaper/**")
                  .hasRole(CallerAuthentication.ADMIN_ROLE);
              if (properties.codecAdminOnly()) {
                requests.requestMatchers("/codec/**").hasRole(CallerAuthentication.ADMIN_ROLE);
              }
              requests
                  .requestMatchers("/codec/**", "/api/**")
                  .authenticated()
                  .anyRequest()
                  .denyAll();
            })
        // A method the path does not map is a 405 whoever asks, before access is decided.
        .addFilterBefore(new UnsupportedMethodFilter(endpoints), AuthorizationFilter.class)
        // After authentication and access decisions are known, around the handler.
        .addFilterAfter(new AuditLogFilter(), ExceptionTranslationFilter.class)
        .addFilterAfter(new RateLimitFilter(rateLimits), AuditLogFilter.class);
    return http.build();
  }

  /**
   * The firewall's other rules stay; only the method check goes, because it would refuse a method
   * such as QUERY with a 400. Spring MVC then answers any method an endpoint does not map with a
   * 405 and the Allow header, and a path nobody maps with a 404, each as a problem detail.
   */
  @Bean
  HttpFirewall firewallLettingMvcAnswerMethods() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setUnsafeAllowAnyHttpMethod(true);
    return firewall;
  }

  @Bean
  RequestRejectedHandler problemOnRejectedRequest() {
    return new ProblemRequestRejectedHandler();
  }

  @Bean
  StaticApiTokens staticApiTokens(SecurityProperties properties) {
    StaticApiTokens tokens = StaticApiTokens.from(properties);
    if (tokens.size() == 0 && !properties.jwt().enabled()) {
      log.warn(
          "no API tokens and no JWT issuer are configured: every API call will be refused;"
              + " see envforge.security.* in the README");
    }
    return tokens;
  }

  @Bean
  AuthenticationManager bearerAuthentication(
      StaticApiTokens tokens, SecurityProperties properties) {
    List<AuthenticationProvider> providers = new ArrayList<>();
    providers.add(new StaticTokenAuthenticationProvider(tokens));
    SecurityProperties.Jwt jwt = properties.jwt();
    if (jwt.enabled()) {
      JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(jwtDecoder(jwt));
      jwtProvider.setJwtAuthenticationConverter(new JwtCallers(jwt));
      providers.add(jwtProvider);
    }
    ProviderManager manager = new ProviderManager(providers);
    manager.setEraseCredentialsAfterAuthentication(true);
    return manager;
  }

  @Bean
  TokenBuckets rateLimits(SecurityProperties properties) {
    return new TokenBuckets(
        properties.rateLimit().capacity(),
        properties.rateLimit().refillInterval(),
        System::nanoTime);
  }

  /** No user store: keeps Spring Boot from creating a default user with a generated password. */
  @Bean
  UserDetailsService noUsers() {
    return new InMemoryUserDetailsManager();
  }

  static NimbusJwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
    if (jwt.audience() == null) {
      throw new IllegalStateException(
          "envforge.security.jwt.audience must be set when JWTs are accepted");
    }
    NimbusJwtDecoder decoder =
        jwt.jwkSetUri() != null
            ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
            : NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(
        jwt.issuerUri() != null
            ? JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
            : JwtValidators.createDefault());
    validators.add(
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD,
            audiences -> audiences != null && audiences.contains(jwt.audience())));
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  /** The Temporal UI calls the codec endpoint from the browser, with its own origin. */
  static UrlBasedCorsConfigurationSource codecCors(CodecProperties codec) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(codec.uiOrigins());
    cors.setAllowedMethods(List.of("POST", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Namespace"));
    cors.setAllowCredentials(true);
    cors.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", cors);
    return source;
  }
}
